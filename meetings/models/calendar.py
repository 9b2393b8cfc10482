"""Each user's calendar feed token."""

from django.db import models


class CalendarFeedToken(models.Model):
    """A user's secret for subscribing a calendar app to board meetings.

    Calendar apps cannot sign in, so the feed URL carries this token instead of
    a session. One per user (not per board): each request checks again that the
    user may still see the board, so access ends with the membership. Resetting
    it stops every old link at once. Not tenant data: it belongs to the user."""

    user = models.OneToOneField(
        "partnership.User", on_delete=models.CASCADE, related_name="calendar_feed_token"
    )
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"Calendar feed token for {self.user}"
