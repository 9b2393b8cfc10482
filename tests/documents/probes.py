from tests.tenancy.probes import Probe

# A document is its requester's alone (it was made with their permissions); the
# sample jobs were asked for by the business manager, so everyone else gets 404.
ONLY_REQUESTER = frozenset({"business_manager"})

PROBES = {
    "documents:status": Probe(
        lambda t: {"job_uuid": t.sample("document_job").uuid}, allowed=ONLY_REQUESTER, denied=404
    ),
    # A rendered document: its requester downloads it, nobody else learns it exists.
    "documents:download": Probe(
        lambda t: {"job_uuid": t.sample("rendered_document_job").uuid},
        allowed=ONLY_REQUESTER,
        denied=404,
    ),
}
