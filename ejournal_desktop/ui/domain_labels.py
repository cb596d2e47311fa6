"""Labels that live below the UI (navigation sections, roles, lesson kinds, reasons, orders…) in the
translator's template.

The domain and the services name things in Russian and know nothing of Qt. A screen shows such a
label through `i18n.tr_label(label)`, which looks it up at run time; `_for_lupdate` is never called — it
only puts every such label in front of pyside6-lupdate as a literal `tr("…")`, so a translator gets
them in the same template. tests/ui/test_i18n.py checks that every label of those tables is here.
"""

from __future__ import annotations

from ejournal_desktop.ui.i18n import tr


def _for_lupdate() -> None:  # pragma: no cover - never called
    # navigation sections (domain.permissions.SECTIONS)
    tr("Мои журналы")
    tr("Моя группа")
    tr("Дневник")
    tr("Портфолио")
    tr("Контингент")
    tr("Учебная нагрузка")
    tr("Контроль журналов")
    tr("Учётные записи")
    tr("Резервные копии")
    tr("Журнал аудита")
    tr("Отчёты")
    tr("Доска объявлений")
    tr("Сообщения")
    # roles (domain.roles.Role.label)
    tr("Администратор")
    tr("Зам. директора по УПР")
    tr("Секретарь учебной части")
    tr("Преподаватель")
    tr("Обучающийся")
    tr("Родитель")
    # lesson kinds (domain.lessons.LESSON_KIND_LABELS)
    tr("Теоретическое занятие")
    tr("Практическое занятие")
    tr("Лабораторная работа")
    tr("Семинар")
    tr("Контрольная работа")
    tr("Экскурсия")
    tr("Консультация")
    tr("Экзамен")
    # final marks (domain.marks.FINAL_KIND_LABELS)
    tr("Семестровая")
    tr("Зачёт")
    tr("Дифференцированный зачёт")
    # absence reasons (domain.attendance.REASON_LABELS)
    tr("неуважительная")
    tr("уважительная")
    tr("болезнь")
    # control forms (services.load.CONTROL_FORM_LABELS)
    tr("экзамен")
    tr("дифференцированный зачёт")
    tr("зачёт")
    tr("другие формы контроля")
    # orders (services.movements.KIND_LABELS)
    tr("зачисление")
    tr("перевод")
    tr("академический отпуск")
    tr("выход из академического отпуска")
    tr("отчисление")
    tr("восстановление")
    tr("выпуск")
    # portfolio kinds and levels (services.portfolio)
    tr("Олимпиада")
    tr("Конкурс, соревнование")
    tr("Сертификат, удостоверение")
    tr("Отчёт по практике")
    tr("Другое")
    tr("техникум")
    tr("район")
    tr("край")
    tr("Россия")
