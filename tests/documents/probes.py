from tests.tenancy.probes import Probe

# A document is its requester's alone (it was made with their permissions); the
# sample job was asked for by the business manager, so everyone else gets 404.
ONLY_REQUESTER = frozenset({"business_manager"})

PROBES = {
    "documents:status": Probe(
        lambda t: {"job_uuid": t.sample("document_job").uuid}, allowed=ONLY_REQUESTER, denied=404
    ),
    "documents:download": Probe(
        lambda t: {"job_uuid": t.sample("document_job").uuid},
        allowed=frozenset(),
        denied=404,  # not rendered yet: nobody can download it
    ),
}
