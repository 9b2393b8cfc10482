"""Demo case reviews for `seed_demo` (see partnership/demo/seed.py): every demo
partnership gets cases across types and stages, dated from today so the clocks
look alive: a rapid review due soon, one overdue, an LCSPR being drafted (with a
board member on its panel, versions and change requests), one at its final
draft awaiting the independent chair's sign-off, one signed off and planned for
publication, one published with its action plan and briefings, and a decision
of no further review. A partnership covering adults also has a SAR and a DARDR
with the Home Office quality assurance panel. Every case and name is invented.
Idempotent: a partnership with cases is left alone."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from actions.owners import ALL
from documents.simple_pdf import simple_pdf
from partnership.models import Membership
from partnership.working_days import add_working_days

from . import learning, progress, services, versions
from .models import Case, LearningTheme, Stage
from .stages import PATH_TO_FINAL_DRAFT


def seed(demo):
    partnership = demo.partnership
    if Case.objects.for_partnership(partnership).exists():
        return
    Seeder(demo).run()


class Seeder:
    def __init__(self, demo):
        self.demo = demo
        self.partnership = demo.partnership
        self.manager = demo.users["business_manager"][0]
        self.chair = demo.users["independent_chair"][0]
        self.member = demo.users["member"][0]
        self.today = timezone.localdate()
        self.short = demo.spec["areas_covered"].split()[0]

    # Dates -------------------------------------------------------------------------

    def wd(self, n):
        return add_working_days(self.today, n)

    def days(self, n):
        return self.today + datetime.timedelta(days=n)

    # Building blocks -----------------------------------------------------------------

    def board(self):
        names = list(self.demo.boards)
        for word in ("Practice Review", "Quality and Effectiveness", "Quality Assurance"):
            for name in names:
                if word in name:
                    return self.demo.boards[name]
        return self.demo.boards[names[0]]

    def agencies(self):
        from partnership.models import PartnerAgency

        return list(
            PartnerAgency.objects.for_partnership(self.partnership).filter(kind="statutory")
        )

    def theme(self, name):
        return LearningTheme.objects.for_partnership(self.partnership).get(name=name)

    def case(self, *, pseudonym, subjects, themes=(), **data):
        case = services.case_create(
            partnership=self.partnership,
            data={"kind": "notification", "review_type": "rapid_review", "pseudonym": pseudonym,
                  **data},
            subjects={n + 1: s for n, s in enumerate(subjects)},
            acting_user=self.manager,
        )  # fmt: skip
        services.case_themes_set(
            case=case, themes=[self.theme(t) for t in themes], acting_user=self.manager
        )
        return case

    def rapid(self, case, *, meeting, sent=None, decided=None, recommendation=None, why=""):
        progress.rapid_review_save(
            case=case,
            data={
                "meeting_date": meeting,
                "facts": "Agencies' chronologies were shared before the meeting. The child was "
                "known to universal services; there were missed health appointments and two "
                "police call-outs to the home in the previous six months.",
                "immediate_actions": "Siblings seen and safe with a safety plan agreed. Police "
                "investigation ongoing; agencies asked to preserve records.",
                "learning_potential": "How agencies share information about a father figure, "
                "and whether professionals escalate when a family does not engage.",
                "sent_to_panel_on": sent,
                "panel_response_on": sent + datetime.timedelta(days=14) if sent else None,
                "panel_response": "The Panel agreed with the partnership's decision and asked "
                "to see the terms of reference."
                if sent
                else "",
            },
            agencies=self.agencies(),
            acting_user=self.manager,
        )
        if decided:
            progress.rapid_review_decide(
                case=case, recommendation=recommendation, rationale=why, decided_on=decided,
                acting_user=self.manager,
            )  # fmt: skip
            for partner, name in (
                ("local_authority", "Director of Children's Services"),
                ("police", "Detective Chief Superintendent, Public Protection"),
                ("health", "Chief Nursing Officer, integrated care board"),
            ):
                progress.rapid_review_sign(
                    case=case, partner=partner, capacity="delegated", name=name,
                    signed_on=decided, acting_user=self.manager,
                )  # fmt: skip

    def review(self, case, *, commissioned, to_stage, reviewer="Dr Miriam Hale"):
        from partnership.models import Person

        person, _ = Person.objects.get_or_create(
            partnership=self.partnership,
            full_name=reviewer,
            defaults={
                "job_title": "Independent reviewer",
                "initials": Person.initials_from(reviewer),
            },
        )
        review, _ = progress.review_save(
            case=case,
            data={"commissioned_on": commissioned, "lead_reviewer": person},
            acting_user=self.manager,
        )
        self.upload(review, "terms_of_reference", "Terms of reference", "Agreed by the group")
        for stage in PATH_TO_FINAL_DRAFT:
            if stage == Stage.DRAFTING:
                self.upload(review, "report", "Draft report", "First draft from the reviewer")
            if stage == Stage.FINAL_DRAFT:
                self.upload(review, "report", "Final draft report", "Partners' comments and "
                            "the family's views added")  # fmt: skip
            if stage == Stage.FAMILY_ENGAGEMENT:
                progress.family_contact_add(
                    review=review,
                    data={"contact_on": commissioned + datetime.timedelta(days=40),
                          "with_whom": "Mother", "method": "meeting",
                          "summary": "Met at home with an advocate; her views on the services "
                          "she received are in section 5."},
                    acting_user=self.manager,
                )  # fmt: skip
            review = progress.stage_change(review=review, to_stage=stage, acting_user=self.manager)
            if stage == to_stage:
                break
        return review

    def upload(self, review, kind, title, summary):
        paragraphs = [
            f"{title} of the {self.short} partnership's review (an invented demo document).",
            "Key practice episodes, analysis and findings would appear here.",
        ]
        return versions.version_upload(
            review=review,
            kind=kind,
            uploaded_file=ContentFile(simple_pdf(title, paragraphs), name=f"{title}.pdf"),
            summary_of_changes=summary,
            acting_user=self.manager,
        )

    def sign(self, review):
        membership = Membership.objects.for_partnership(self.partnership).get(user=self.chair)
        version = review.versions.filter(kind="report").order_by("-number").first()
        versions.version_sign(version=version, membership=membership, acting_user=self.chair)

    def recommendations(self, review, texts, *, actions=True):
        for n, text in enumerate(texts):
            recommendation = learning.recommendation_add(
                review=review, text=text, acting_user=self.manager
            )
            if actions:
                learning.recommendation_raise_action(
                    recommendation=recommendation,
                    board=self.board(),
                    description=f"Report progress on: {text[0].lower()}{text[1:]}",
                    owners=[ALL] if n % 2 else [self.demo.people[self.demo.spec["users"][0][1]]],
                    due_date=self.days(30 + 30 * n),
                    acting_user=self.manager,
                )

    # The cases ---------------------------------------------------------------------

    def run(self):
        services.review_settings_save(
            partnership=self.partnership,
            data={"action_plan_board": self.board(), "identifiers_enabled": True},
            acting_user=self.manager,
        )
        services.themes_ensure(self.partnership)
        year = self.today.year
        # 1. A notification last week: the rapid review falls due within 10 working days.
        notified = self.wd(-8)
        soon = self.case(
            pseudonym="Baby R", reference=f"RR {year}/04",
            subjects=[{"pseudonym": "Baby R", "age_band": "under_1"}],
            incident_date=self.wd(-11), incident_place="Family home",
            aware_date=self.wd(-10), notified_date=notified, panel_reference=f"NP-{year}-0417",
            criteria="cspr", summary="A baby was admitted to hospital with a head injury "
            "that is unexplained. Two older siblings live at home.",
            themes=["Safe sleep", "Professional curiosity"],
        )  # fmt: skip
        self.rapid(soon, meeting=self.wd(2))
        # 2. The rapid review not sent in time: its clock is overdue.
        late = self.case(
            pseudonym="Child T", reference=f"RR {year}/03",
            subjects=[{"pseudonym": "Child T", "age_band": "10_15", "looked_after": True}],
            aware_date=self.wd(-24), notified_date=self.wd(-21), panel_reference=f"NP-{year}-0388",
            criteria="cspr", summary="A looked-after child placed out of area was seriously "
            "harmed by an adult they met online.",
            themes=["Exploitation", "Information sharing"],
        )  # fmt: skip
        self.rapid(late, meeting=self.wd(-8))
        # 3. An LCSPR being drafted, with a board member on its panel.
        drafting = self.case(
            pseudonym="Family M", reference=f"LCSPR {year - 1}/02",
            subjects=[{"pseudonym": "Child M", "age_band": "5_9"},
                      {"pseudonym": "Child N", "age_band": "1_4"}],
            aware_date=self.days(-130), notified_date=add_working_days(self.days(-130), 3),
            panel_reference=f"NP-{year - 1}-1120", criteria="cspr", steis_number="2025/18821",
            summary="Two children were found at home with a parent who had died. The family "
            "had moved between three local authorities in two years.",
            themes=["Neglect", "Parental mental health", "Information sharing"],
        )  # fmt: skip
        self.rapid(
            drafting, meeting=self.days(-115), sent=self.days(-110), decided=self.days(-112),
            recommendation="lcspr",
            why="Potential learning about information sharing when families move between areas.",
        )  # fmt: skip
        review = self.review(drafting, commissioned=self.days(-95), to_stage=Stage.DRAFTING)
        draft = review.versions.filter(kind="report").first()
        agencies = self.agencies()
        answered = versions.change_request_add(
            version=draft,
            data={"agency": agencies[0] if agencies else None, "section": "4.2",
                  "request": "The chronology misses the health visitor's visit in March."},
            acting_user=self.manager,
        )  # fmt: skip
        versions.change_request_answer(
            change_request=answered, response="agreed", reason="", acting_user=self.manager
        )
        versions.change_request_add(
            version=draft,
            data={"agency": agencies[-1] if agencies else None, "section": "6.1",
                  "request": "Finding 3 should say the referral was accepted, not declined."},
            acting_user=self.manager,
        )  # fmt: skip
        services.panel_change(
            case=drafting,
            membership=Membership.objects.for_partnership(self.partnership).get(user=self.member),
            grant=True,
            acting_user=self.manager,
        )
        # 4. At its final draft, awaiting the independent chair's sign-off.
        final = self.case(
            pseudonym="Child C", reference=f"LCSPR {year - 1}/01",
            subjects=[{"pseudonym": "Child C", "age_band": "16_17"}],
            aware_date=self.days(-190), notified_date=add_working_days(self.days(-190), 4),
            panel_reference=f"NP-{year - 1}-0961", criteria="cspr",
            summary="A young person took their own life after a period of exclusion from "
            "school and contact with child and adolescent mental health services.",
            themes=["Voice of the child", "Escalation"],
        )  # fmt: skip
        self.rapid(
            final, meeting=self.days(-178), sent=self.days(-172), decided=self.days(-175),
            recommendation="lcspr", why="Learning about transitions between services.",
        )  # fmt: skip
        review = self.review(final, commissioned=self.days(-160), to_stage=Stage.FINAL_DRAFT)
        self.recommendations(
            review,
            ["Schools and CAMHS agree a shared escalation route for young people on waiting lists",
             "Partners audit how the voice of the young person is recorded in assessments"],
            actions=False,
        )  # fmt: skip
        # 5. Signed off, publication planned (the Panel is told 5 working days before).
        signed = self.case(
            pseudonym="Family K", reference=f"LCSPR {year - 1}/03",
            subjects=[{"pseudonym": "Child K", "age_band": "1_4"}],
            aware_date=self.days(-260), notified_date=add_working_days(self.days(-260), 2),
            criteria="cspr", summary="A toddler was seriously injured; a parent's new partner "
            "was known to police for domestic abuse.",
            themes=["Domestic abuse", "Professional curiosity"],
        )  # fmt: skip
        self.rapid(
            signed, meeting=self.days(-248), sent=self.days(-240), decided=self.days(-245),
            recommendation="lcspr", why="Learning about assessing new partners in the household.",
        )  # fmt: skip
        review = self.review(signed, commissioned=self.days(-230), to_stage=Stage.FINAL_DRAFT)
        self.recommendations(
            review,
            ["Agencies ask about new adults in the household at every contact",
             "Police share domestic abuse call-outs with health visitors within 24 hours"],
        )  # fmt: skip
        self.sign(review)
        progress.publication_save(
            review=review,
            data={"planned_on": self.wd(12), "anonymised": True,
                  "media_note": "Press statement agreed with the three partners' communications "
                  "leads; the family has seen the report."},
            acting_user=self.manager,
        )  # fmt: skip
        # 6. Published, with its action plan and briefings.
        published = self.case(
            pseudonym="Child H", reference=f"LCSPR {year - 2}/02",
            subjects=[{"pseudonym": "Child H", "age_band": "5_9"}],
            aware_date=self.days(-520), notified_date=add_working_days(self.days(-520), 3),
            criteria="cspr", summary="Chronic neglect over several years; the child was "
            "admitted to hospital malnourished.",
            themes=["Neglect", "Escalation", "Voice of the child"],
        )  # fmt: skip
        self.rapid(
            published, meeting=self.days(-505), sent=self.days(-500), decided=self.days(-503),
            recommendation="lcspr", why="Learning about cumulative harm and escalation.",
        )  # fmt: skip
        review = self.review(published, commissioned=self.days(-480), to_stage=Stage.FINAL_DRAFT)
        self.recommendations(
            review,
            ["Partners use the graded care profile in every neglect case",
             "The partnership runs an escalation campaign for front-line staff",
             "GPs flag repeated missed appointments to the school nurse"],
        )  # fmt: skip
        self.sign(review)
        progress.publication_save(
            review=review,
            data={"planned_on": self.days(-130), "panel_notified_on": self.days(-140),
                  "published_on": self.days(-130), "places": ["website", "nspcc"],
                  "anonymised": True, "link": "https://www.example.org/reviews/child-h"},
            acting_user=self.manager,
        )  # fmt: skip
        for kind, when, audience, reached in (
            ("7mb", -120, "All front-line practitioners", 640),
            ("training", -90, "Designated safeguarding leads in schools", 85),
        ):
            learning.dissemination_add(
                case=published,
                data={"kind": kind, "held_on": self.days(when), "audience": audience,
                      "reached": reached},
                acting_user=self.manager,
            )  # fmt: skip
        # 7. No further review.
        closed = self.case(
            pseudonym="Child P", reference=f"RR {year - 1}/05",
            subjects=[{"pseudonym": "Child P", "age_band": "10_15"}],
            aware_date=self.days(-200), notified_date=add_working_days(self.days(-200), 5),
            criteria="cspr", summary="A child was injured in a road traffic collision while "
            "missing from home.",
        )  # fmt: skip
        self.rapid(
            closed, meeting=self.days(-185), sent=self.days(-180), decided=self.days(-183),
            recommendation="none",
            why="Agencies responded well; single-agency learning is being taken forward.",
        )  # fmt: skip
        services.case_update(case=closed, data={"status": "closed"}, acting_user=self.manager)
        if self.partnership.covers_adults:
            self.adults()

    def adults(self):
        year = self.today.year
        sar = self.case(
            kind="adult_referral", review_type="sar", pseudonym="Arthur",
            reference=f"SAR {year - 1}/01",
            subjects=[{"pseudonym": "Arthur", "age_band": "65_plus"}],
            criteria="s44_mandatory", decision_date=self.days(-70),
            criteria_notes="Arthur died; self-neglect was known to several agencies, and there is "
            "concern about how they worked together.",
            summary="An older man living alone died of hypothermia after repeated refusals of "
            "care and support.",
            themes=["Self-neglect", "Mental capacity"],
        )  # fmt: skip
        review = self.review(
            sar, commissioned=self.days(-60), to_stage=Stage.INFORMATION_GATHERING,
            reviewer="Graham Whitley",
        )  # fmt: skip
        progress.quality_markers_save(
            review=review,
            markers={1: (True, "Referred by adult social care with a clear rationale"),
                     2: (True, "Decided within 6 weeks"), 3: (True, ""), 5: (False, "")},
            acting_user=self.manager,
        )  # fmt: skip
        services.panel_change(
            case=sar,
            membership=Membership.objects.for_partnership(self.partnership).get(user=self.member),
            grant=True,
            acting_user=self.manager,
        )
        dardr = self.case(
            kind="domestic_abuse", review_type="dardr", pseudonym="Adult D",
            reference=f"DARDR {year - 1}/01",
            subjects=[{"pseudonym": "Adult D", "age_band": "25_64"}],
            criteria="dardr", decision_date=self.days(-300),
            summary="A woman was killed by her former partner; the community safety partnership "
            "commissioned the review jointly with the safeguarding adults board.",
            themes=["Domestic abuse"],
        )  # fmt: skip
        services.case_link_add(
            case=dardr, related_case=sar, description="Shares the adult safeguarding learning "
            "themes; both go to the Practice Review Group", external_reference="",
            acting_user=self.manager,
        )  # fmt: skip
        review = self.review(
            dardr, commissioned=self.days(-280), to_stage=Stage.FINAL_DRAFT,
            reviewer="Sarah Okafor",
        )  # fmt: skip
        progress.qa_submission_save(
            review=review,
            data={"submitted_on": self.days(-90), "feedback_on": self.days(-40),
                  "outcome": "revise", "feedback": "Strengthen the analysis of coercive control "
                  "and the family's contribution."},
            acting_user=self.manager,
        )  # fmt: skip
        progress.qa_submission_save(
            review=review, data={"submitted_on": self.days(-10)}, acting_user=self.manager
        )
