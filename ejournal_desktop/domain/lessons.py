"""Kinds of lessons (вид занятия), as the journal and the КТП name them."""

from __future__ import annotations

LESSON_KIND_LABELS: dict[str, str] = {
    "theory": "Теоретическое занятие",
    "practice": "Практическое занятие",
    "lab": "Лабораторная работа",
    "seminar": "Семинар",
    "test": "Контрольная работа",
    "excursion": "Экскурсия",
    "consultation": "Консультация",
    "exam": "Экзамен",
}
LESSON_KINDS: tuple[str, ...] = tuple(LESSON_KIND_LABELS)
