from commissioning.models import Contract, FundingLine
from decisions.models import Decision, ForwardPlanEntry, Recommendation
from decisions.synthetic.councils import BulkWriter
from decisions.synthetic.decisions import Planned


def write_batch(plans: list[Planned], writer: BulkWriter) -> None:
    """Save one batch of planned decisions and everything tied to them, in bulk."""
    writer.create(Decision, [p.decision for p in plans])
    recommendations, ward_links, member_links, notices = [], [], [], []
    for p in plans:
        pk = p.decision.pk
        for recommendation in p.recommendations:
            recommendation.decision_id = pk
        recommendations += p.recommendations
        ward_links += [Decision.wards.through(decision_id=pk, ward_id=w) for w in p.wards]
        member_links += [
            Decision.relevant_members.through(decision_id=pk, person_id=m) for m in p.members
        ]
        if p.notice is not None:
            p.notice.decision_id = pk
            notices.append(p.notice)
    writer.create(Recommendation, recommendations)
    writer.create(Decision.wards.through, ward_links)
    writer.create(Decision.relevant_members.through, member_links)
    writer.create(ForwardPlanEntry, notices)

    contracted = [p for p in plans if p.contract is not None]
    writer.create(Contract, [p.contract for p in contracted])
    writer.create(
        Contract.suppliers.through,
        [
            Contract.suppliers.through(contract_id=p.contract.pk, supplier_id=s)
            for p in contracted
            for s in p.suppliers
        ],
    )
    writer.create(
        Contract.decisions.through,
        [
            Contract.decisions.through(contract_id=p.contract.pk, decision_id=p.decision.pk)
            for p in contracted
        ],
    )
    funding = []
    for p in plans:
        for number, line in enumerate(p.funding):
            line.decision_id = p.decision.pk
            if number == 0 and p.contract is not None:
                line.contract_id = p.contract.pk
            funding.append(line)
    writer.create(FundingLine, funding)
