"""Names for the types the packages share in their signatures."""

from typing import TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser
    from django.contrib.auth.models import User as AuthUser

    # Who acts: the signed-in user behind a write.
    User: TypeAlias = AuthUser
    # Who asks: the user a read is for, signed in or not.
    Visitor: TypeAlias = AuthUser | AnonymousUser
else:
    # Only annotations name them: at run time any object will do.
    User = Visitor = object
