"""A review's stages and the only moves between them. Signing off happens by
signing a version (reviews.versions), publishing by recording the publication
(reviews.progress); every other move is made here, and each is recorded with
who and when (StageChange)."""

from .models import Stage, StageChange

S = Stage
# The usual way from commissioning to the final draft.
PATH_TO_FINAL_DRAFT = [
    S.TOR_AGREED,
    S.INFORMATION_GATHERING,
    S.PRACTITIONER_EVENT,
    S.DRAFTING,
    S.FAMILY_ENGAGEMENT,
    S.FINAL_DRAFT,
]
# stage -> the stages a person may move it to by hand.
TRANSITIONS = {
    S.COMMISSIONED: [S.TOR_AGREED],
    S.TOR_AGREED: [S.INFORMATION_GATHERING],
    S.INFORMATION_GATHERING: [S.PRACTITIONER_EVENT, S.DRAFTING],
    S.PRACTITIONER_EVENT: [S.DRAFTING],
    S.DRAFTING: [S.FAMILY_ENGAGEMENT, S.FINAL_DRAFT],
    S.FAMILY_ENGAGEMENT: [S.DRAFTING, S.FINAL_DRAFT],
    S.FINAL_DRAFT: [S.DRAFTING],
    S.SIGNED_OFF: [S.NOT_PUBLISHED],
    S.NOT_PUBLISHED: [],
    S.PUBLISHED: [],
}
# Moves made by something else, with the reason a hand move is refused.
BY_OTHER_MEANS = {
    S.SIGNED_OFF: "A review is signed off when its signatories sign a final report version",
    S.PUBLISHED: "A review is published by recording its publication date",
}


def refusal(current, wanted):
    """Why `current` -> `wanted` is not allowed, or None when it is."""
    if wanted == current:
        return f"The review is already at the stage {Stage(current).label.lower()}"
    if wanted in BY_OTHER_MEANS:
        return BY_OTHER_MEANS[wanted]
    if wanted not in TRANSITIONS.get(current, []):
        allowed = TRANSITIONS.get(current, [])
        after = (
            " or ".join(Stage(s).label.lower() for s in allowed) if allowed else "no other stage"
        )
        return (
            f"A review at {Stage(current).label.lower()} cannot move to "
            f"{Stage(wanted).label.lower()}: it can move to {after}"
        )
    return None


def next_stages(current):
    return [(s.value, s.label) for s in TRANSITIONS.get(current, [])]


def record_move(review, to_stage, *, note="", acting_user):
    """Moves `review` (a row the caller has locked) to `to_stage`, recording
    who, when and why; the caller saves the review."""
    StageChange.objects.create(
        review=review, from_stage=review.stage, to_stage=to_stage, note=note, changed_by=acting_user
    )
    review.stage = to_stage
