from .categories import AUDIENCES, EXTRA_QUESTIONS, EventCategory, EventStatus
from .events import EventIndexPage, EventPage, registrations_tag
from .lectures import LecturePage, LectureSeriesPage, LectureSpeaker, Speaker
from .registrations import Registration, RegistrationStatus, mask_phone
from .sections import EventSectionPage, section_of

__all__ = [
    "AUDIENCES",
    "EXTRA_QUESTIONS",
    "EventCategory",
    "EventStatus",
    "EventIndexPage",
    "EventPage",
    "LecturePage",
    "LectureSeriesPage",
    "LectureSpeaker",
    "Speaker",
    "Registration",
    "RegistrationStatus",
    "mask_phone",
    "registrations_tag",
    "EventSectionPage",
    "section_of",
]
