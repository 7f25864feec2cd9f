// Starts GOV.UK Frontend's components (header, service navigation, error summary, buttons …).
// GOV.UK Frontend's own address is read from this script's tag rather than written here, because
// `collectstatic` gives each file a content-hashed name that only the template knows.
const tag = document.querySelector("script[data-govuk-frontend]");
import(tag.dataset.govukFrontend).then(({ initAll }) => initAll());
