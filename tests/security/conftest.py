from tests.meetings.conftest import in_scope, meeting  # noqa: F401 - fixtures used here
