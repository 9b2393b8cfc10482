from django.core.management.base import BaseCommand

from partnership.models import Partnership
from partnership.tenancy import in_partnership
from reviews.crypto import UnreadableIdentifier, rotate
from reviews.models import CaseSubject


class Command(BaseCommand):
    help = (
        "Re-encrypts every real identifier on case reviews with the first key in "
        "FIELD_ENCRYPTION_KEY. Put the new key first, keep the old one after it, run "
        "this, then remove the old key."
    )

    def handle(self, *args, **options):
        rotated = unreadable = 0
        # One partnership at a time, each in its own transaction.
        for partnership in Partnership.objects.order_by("pk"):
            with in_partnership(partnership):
                subjects = CaseSubject.objects.exclude(
                    name_encrypted="", date_of_birth_encrypted=""
                )
                for subject in subjects.iterator():
                    try:
                        subject.name_encrypted = rotate(subject.name_encrypted)
                        subject.date_of_birth_encrypted = rotate(subject.date_of_birth_encrypted)
                    except UnreadableIdentifier:
                        unreadable += 1
                        continue
                    subject.save(update_fields=["name_encrypted", "date_of_birth_encrypted"])
                    rotated += 1
        self.stdout.write(f"Re-encrypted the identifiers of {rotated} children or adults.")
        if unreadable:
            self.stderr.write(f"{unreadable} could not be read with any configured key.")
