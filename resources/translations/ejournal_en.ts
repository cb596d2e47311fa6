<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="ru">
<context>
    <name></name>
    <message>
        <location filename="../../ejournal_desktop/ui/accounts_screen.py" line="50"/>
        <location filename="../../ejournal_desktop/ui/domain_labels.py" line="24"/>
        <source>Учётные записи</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/accounts_screen.py" line="62"/>
        <location filename="../../ejournal_desktop/ui/accounts_screen.py" line="451"/>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="57"/>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="69"/>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="173"/>
        <location filename="../../ejournal_desktop/ui/roster_dialog.py" line="67"/>
        <location filename="../../ejournal_desktop/ui/student_card.py" line="74"/>
        <location filename="../../ejournal_desktop/ui/student_card.py" line="108"/>
        <location filename="../../ejournal_desktop/ui/student_card.py" line="163"/>
        <source>ФИО</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/accounts_screen.py" line="63"/>
        <location filename="../../ejournal_desktop/ui/accounts_screen.py" line="454"/>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="72"/>
        <source>Логин</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/accounts_screen.py" line="64"/>
        <source>Роли</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/accounts_screen.py" line="65"/>
        <location filename="../../ejournal_desktop/ui/accounts_screen.py" line="453"/>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="144"/>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="174"/>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="280"/>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="291"/>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="351"/>
        <location filename="../../ejournal_desktop/ui/import_wizard.py" line="184"/>
        <location filename="../../ejournal_desktop/ui/journals_screen.py" line="52"/>
        <location filename="../../ejournal_desktop/ui/load_screen.py" line="43"/>
        <location filename="../../ejournal_desktop/ui/load_screen.py" line="105"/>
        <location filename="../../ejournal_desktop/ui/new_year_dialog.py" line="80"/>
        <location filename="../../ejournal_desktop/ui/student_card.py" line="75"/>
        <location filename="../../ejournal_desktop/ui/student_card.py" line="164"/>
        <source>Группа</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/accounts_screen.py" line="66"/>
        <source>Активна</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/accounts_screen.py" line="67"/>
        <source>Последний вход</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/accounts_screen.py" line="68"/>
        <location filename="../../ejournal_desktop/ui/change_password_dialog.py" line="41"/>
        <source>Смена пароля</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/accounts_screen.py" line="68"/>
        <source>требуется</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/accounts_screen.py" line="93"/>
        <location filename="../../ejournal_desktop/ui/audit_screen.py" line="100"/>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="215"/>
        <source>Все группы</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/accounts_screen.py" line="95"/>
        <source>Все роли</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/accounts_screen.py" line="99"/>
        <source>Поиск по ФИО или логину…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/accounts_screen.py" line="102"/>
        <location filename="../../ejournal_desktop/ui/accounts_screen.py" line="326"/>
        <location filename="../../ejournal_desktop/ui/audit_screen.py" line="113"/>
        <location filename="../../ejournal_desktop/ui/my_group_screen.py" line="289"/>
        <location filename="../../ejournal_desktop/ui/reports_screen.py" line="96"/>
        <location filename="../../ejournal_desktop/ui/roster_dialog.py" line="56"/>
        <source>Группа:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/accounts_screen.py" line="104"/>
        <location filename="../../ejournal_desktop/ui/accounts_screen.py" line="361"/>
        <source>Роль:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/accounts_screen.py" line="122"/>
        <source>Создать…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/accounts_screen.py" line="123"/>
        <source>Для группы…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/accounts_screen.py" line="124"/>
        <location filename="../../ejournal_desktop/ui/accounts_screen.py" line="269"/>
        <source>Сбросить пароль</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/accounts_screen.py" line="125"/>
        <source>Заблокировать</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/accounts_screen.py" line="126"/>
        <source>Разблокировать</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/accounts_screen.py" line="207"/>
        <source>Показано {0} из {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/accounts_screen.py" line="207"/>
        <source>Всего: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/accounts_screen.py" line="218"/>
        <source>Учётная запись создана</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/accounts_screen.py" line="223"/>
        <source>Нет групп, для которых вы можете создавать учётные записи.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/accounts_screen.py" line="238"/>
        <source>Учётные записи для группы {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/accounts_screen.py" line="249"/>
        <source>В группе {0} у всех уже есть учётные записи.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/accounts_screen.py" line="252"/>
        <source>Созданы учётные записи: группа {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/accounts_screen.py" line="258"/>
        <source>{0}

Ни одна учётная запись не создана.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/accounts_screen.py" line="271"/>
        <source>Сбросить пароль учётной записи «{0}» ({1})?
Старый пароль перестанет действовать; новый временный пароль будет показан один раз.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/accounts_screen.py" line="284"/>
        <source>Пароль сброшен</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/accounts_screen.py" line="305"/>
        <source>Учётные записи для группы</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/accounts_screen.py" line="311"/>
        <source>Вместе с родителями</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/accounts_screen.py" line="315"/>
        <source>Учётные записи создаются для всех обучающихся группы (и их родителей), у кого их ещё нет. Все сразу или ни одной: при ошибке ничего не создаётся.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/accounts_screen.py" line="321"/>
        <location filename="../../ejournal_desktop/ui/accounts_screen.py" line="364"/>
        <source>Создать</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/accounts_screen.py" line="322"/>
        <location filename="../../ejournal_desktop/ui/accounts_screen.py" line="365"/>
        <location filename="../../ejournal_desktop/ui/backup_dialog.py" line="212"/>
        <location filename="../../ejournal_desktop/ui/backup_dialog.py" line="635"/>
        <location filename="../../ejournal_desktop/ui/board_screen.py" line="90"/>
        <location filename="../../ejournal_desktop/ui/change_password_dialog.py" line="64"/>
        <location filename="../../ejournal_desktop/ui/diary_screen.py" line="129"/>
        <location filename="../../ejournal_desktop/ui/edit_window_dialog.py" line="69"/>
        <location filename="../../ejournal_desktop/ui/import_wizard.py" line="296"/>
        <location filename="../../ejournal_desktop/ui/lesson_panel.py" line="396"/>
        <location filename="../../ejournal_desktop/ui/load_screen.py" line="183"/>
        <location filename="../../ejournal_desktop/ui/login_dialog.py" line="168"/>
        <location filename="../../ejournal_desktop/ui/login_dialog.py" line="339"/>
        <location filename="../../ejournal_desktop/ui/messages_screen.py" line="148"/>
        <location filename="../../ejournal_desktop/ui/movement_dialog.py" line="110"/>
        <location filename="../../ejournal_desktop/ui/my_group_screen.py" line="169"/>
        <location filename="../../ejournal_desktop/ui/partials/form_dialog.py" line="67"/>
        <location filename="../../ejournal_desktop/ui/portfolio_screen.py" line="110"/>
        <location filename="../../ejournal_desktop/ui/settings_dialog.py" line="279"/>
        <location filename="../../ejournal_desktop/ui/smtp_settings.py" line="187"/>
        <source>Отмена</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/accounts_screen.py" line="345"/>
        <source>Новая учётная запись</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/accounts_screen.py" line="347"/>
        <source>Фамилия…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/accounts_screen.py" line="354"/>
        <source>по ФИО автоматически</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/accounts_screen.py" line="359"/>
        <source>Человек:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/accounts_screen.py" line="362"/>
        <location filename="../../ejournal_desktop/ui/login_dialog.py" line="315"/>
        <location filename="../../ejournal_desktop/ui/smtp_settings.py" line="81"/>
        <source>Логин:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/accounts_screen.py" line="400"/>
        <source>Выберите человека в списке</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/accounts_screen.py" line="443"/>
        <source>Временные пароли показаны один раз и нигде не хранятся. Раздайте их лично или сохраните листки для печати; после раздачи уничтожьте файл. При первом входе программа попросит сменить пароль.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/accounts_screen.py" line="452"/>
        <source>Роль</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/accounts_screen.py" line="455"/>
        <source>Временный пароль</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/accounts_screen.py" line="465"/>
        <source>Сохранить листки (PDF)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/accounts_screen.py" line="467"/>
        <location filename="../../ejournal_desktop/ui/help_browser.py" line="88"/>
        <location filename="../../ejournal_desktop/ui/ktp_editor.py" line="324"/>
        <location filename="../../ejournal_desktop/ui/new_year_dialog.py" line="99"/>
        <location filename="../../ejournal_desktop/ui/roster_dialog.py" line="85"/>
        <location filename="../../ejournal_desktop/ui/student_card.py" line="140"/>
        <location filename="../../ejournal_desktop/ui/timetable_dialog.py" line="180"/>
        <source>Закрыть</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/accounts_screen.py" line="481"/>
        <source>Листки с паролями {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/accounts_screen.py" line="485"/>
        <location filename="../../ejournal_desktop/ui/accounts_screen.py" line="491"/>
        <source>Листки с паролями</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/accounts_screen.py" line="494"/>
        <source>Листки сохранены</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/audit_screen.py" line="39"/>
        <location filename="../../ejournal_desktop/ui/domain_labels.py" line="26"/>
        <source>Журнал аудита</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/audit_screen.py" line="65"/>
        <location filename="../../ejournal_desktop/ui/diary_screen.py" line="243"/>
        <source>Время</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/audit_screen.py" line="66"/>
        <source>Пользователь</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/audit_screen.py" line="67"/>
        <source>Таблица</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/audit_screen.py" line="68"/>
        <source>Запись</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/audit_screen.py" line="69"/>
        <location filename="../../ejournal_desktop/ui/import_wizard.py" line="187"/>
        <source>Действие</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/audit_screen.py" line="70"/>
        <source>Было</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/audit_screen.py" line="71"/>
        <source>Стало</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/audit_screen.py" line="72"/>
        <location filename="../../ejournal_desktop/ui/diary_screen.py" line="226"/>
        <location filename="../../ejournal_desktop/ui/my_group_screen.py" line="97"/>
        <source>Причина</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/audit_screen.py" line="97"/>
        <source>логин</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/audit_screen.py" line="102"/>
        <source>Все таблицы</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/audit_screen.py" line="108"/>
        <source>Показать</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/audit_screen.py" line="112"/>
        <source>Пользователь:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/audit_screen.py" line="114"/>
        <source>Таблица:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/audit_screen.py" line="115"/>
        <source>с</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/audit_screen.py" line="116"/>
        <source>по</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/audit_screen.py" line="185"/>
        <source> (показаны последние {0})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/audit_screen.py" line="187"/>
        <source>Записей: {0}{1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/backup_dialog.py" line="51"/>
        <location filename="../../ejournal_desktop/ui/domain_labels.py" line="25"/>
        <source>Резервные копии</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/backup_dialog.py" line="79"/>
        <source>проверена</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/backup_dialog.py" line="80"/>
        <source>не проверена</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/backup_dialog.py" line="82"/>
        <source>ошибка: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/backup_dialog.py" line="86"/>
        <source>Когда</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/backup_dialog.py" line="87"/>
        <source>Кто</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/backup_dialog.py" line="88"/>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="96"/>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="308"/>
        <location filename="../../ejournal_desktop/ui/lesson_panel.py" line="120"/>
        <location filename="../../ejournal_desktop/ui/portfolio_screen.py" line="200"/>
        <source>Вид</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/backup_dialog.py" line="89"/>
        <source>Проверка</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/backup_dialog.py" line="90"/>
        <source>Размер</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/backup_dialog.py" line="91"/>
        <location filename="../../ejournal_desktop/ui/portfolio_screen.py" line="204"/>
        <source>Файл</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/backup_dialog.py" line="92"/>
        <source>Папка</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/backup_dialog.py" line="103"/>
        <location filename="../../ejournal_desktop/ui/backup_dialog.py" line="114"/>
        <source>Копия не проверена</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/backup_dialog.py" line="114"/>
        <source>Проверена</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/backup_dialog.py" line="179"/>
        <source>Папка для копий: можно выбрать флешку или сетевой диск</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/backup_dialog.py" line="180"/>
        <location filename="../../ejournal_desktop/ui/backup_dialog.py" line="188"/>
        <location filename="../../ejournal_desktop/ui/backup_dialog.py" line="589"/>
        <source>Выбрать…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/backup_dialog.py" line="187"/>
        <source>найти самостоятельно (PATH, стандартные папки PostgreSQL)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/backup_dialog.py" line="196"/>
        <source>Папка для копий:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/backup_dialog.py" line="198"/>
        <source>Папка pg_dump:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/backup_dialog.py" line="206"/>
        <source>Программа копирования:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/backup_dialog.py" line="208"/>
        <source>Создать копию</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/backup_dialog.py" line="210"/>
        <source>Создать и проверить копию (Ctrl+B)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/backup_dialog.py" line="215"/>
        <source>Проверить</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/backup_dialog.py" line="217"/>
        <source>Проверить выбранную копию: контрольная сумма и чтение целиком (Ctrl+Shift+V)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/backup_dialog.py" line="221"/>
        <source>Восстановить…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/backup_dialog.py" line="223"/>
        <source>Восстановить из выбранной копии или из файла (Ctrl+Shift+R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/backup_dialog.py" line="225"/>
        <location filename="../../ejournal_desktop/ui/control_screen.py" line="78"/>
        <location filename="../../ejournal_desktop/ui/journal_view.py" line="162"/>
        <location filename="../../ejournal_desktop/ui/my_group_screen.py" line="285"/>
        <source>Обновить</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/backup_dialog.py" line="273"/>
        <source>История копий:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/backup_dialog.py" line="366"/>
        <source>Папка для резервных копий</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/backup_dialog.py" line="373"/>
        <source>Папка с pg_dump и pg_restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/backup_dialog.py" line="382"/>
        <source>Выберите папку для копий.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/backup_dialog.py" line="388"/>
        <source>Создание копии…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/backup_dialog.py" line="397"/>
        <source>Копия создана и проверена: {0} ({1}, строк {2}, {3:.1f} с).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/backup_dialog.py" line="411"/>
        <source>Проверить копию</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/backup_dialog.py" line="411"/>
        <location filename="../../ejournal_desktop/ui/backup_dialog.py" line="644"/>
        <source>Копии ЭЖ (*.dump *.sqlite3);;Все файлы (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/backup_dialog.py" line="419"/>
        <source>Проверка копии…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/backup_dialog.py" line="466"/>
        <source>Восстановление…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/backup_dialog.py" line="473"/>
        <source>База восстановлена из копии ({0} строк). Страховочная копия прежнего состояния: {1}. Войдите в программу заново.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/backup_dialog.py" line="478"/>
        <source>База восстановлена. Все пользователи должны войти заново.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/backup_dialog.py" line="482"/>
        <source>файл {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/backup_dialog.py" line="484"/>
        <source>база «{0}»</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/backup_dialog.py" line="487"/>
        <source>Восстановлено в новую базу: {0}, {1} строк, {2:.1f} с.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/backup_dialog.py" line="494"/>
        <source>Восстановлено: {0}.
Переключить программу на восстановленную базу (профиль «{1}»)?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/backup_dialog.py" line="542"/>
        <source>Отмена…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/backup_dialog.py" line="563"/>
        <source>Непредвиденная ошибка: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/backup_dialog.py" line="582"/>
        <source>Восстановление из копии</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/backup_dialog.py" line="596"/>
        <source>В новую базу данных (рекомендуется)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/backup_dialog.py" line="596"/>
        <source>В новый файл</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/backup_dialog.py" line="598"/>
        <source>Поверх действующей базы (сначала — страховочная копия)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/backup_dialog.py" line="610"/>
        <source>введите «{0}» для подтверждения</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/backup_dialog.py" line="616"/>
        <source>Файл копии:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/backup_dialog.py" line="618"/>
        <source>Новая база:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/backup_dialog.py" line="618"/>
        <source>Новый файл:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/backup_dialog.py" line="620"/>
        <source>Имя действующей базы «{0}»:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/backup_dialog.py" line="623"/>
        <source>Восстановление на сервер выполняет суперпользователь PostgreSQL (администратор сервера).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/backup_dialog.py" line="627"/>
        <source>Логин сервера:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/backup_dialog.py" line="628"/>
        <location filename="../../ejournal_desktop/ui/login_dialog.py" line="316"/>
        <location filename="../../ejournal_desktop/ui/smtp_settings.py" line="82"/>
        <source>Пароль:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/backup_dialog.py" line="634"/>
        <source>Восстановить</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/backup_dialog.py" line="644"/>
        <source>Файл копии</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/backup_dialog.py" line="658"/>
        <source>Выберите файл копии.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/backup_dialog.py" line="661"/>
        <source>Укажите новую базу данных.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/backup_dialog.py" line="665"/>
        <source>Для подтверждения введите имя действующей базы: «{0}».</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/backup_dialog.py" line="715"/>
        <source>Последняя проверенная копия — {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/backup_dialog.py" line="715"/>
        <source>Резервных копий ещё не было</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/backup_dialog.py" line="716"/>
        <source>⚠ {0}. &lt;a href=&quot;backup&quot;&gt;Создать копию…&lt;/a&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/board_screen.py" line="49"/>
        <source>Новое объявление</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/board_screen.py" line="56"/>
        <source>Всем</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/board_screen.py" line="58"/>
        <source>Всем: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/board_screen.py" line="60"/>
        <location filename="../../ejournal_desktop/ui/my_group_screen.py" line="439"/>
        <source>Группа {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/board_screen.py" line="61"/>
        <source>Родители группы {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/board_screen.py" line="66"/>
        <source>Снять с доски</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/board_screen.py" line="73"/>
        <source>Закрепить вверху</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/board_screen.py" line="82"/>
        <source>Заголовок:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/board_screen.py" line="83"/>
        <source>Текст:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/board_screen.py" line="84"/>
        <source>Кому:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/board_screen.py" line="85"/>
        <source>Опубликовать:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/board_screen.py" line="89"/>
        <source>Опубликовать</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/board_screen.py" line="137"/>
        <location filename="../../ejournal_desktop/ui/diary_screen.py" line="216"/>
        <location filename="../../ejournal_desktop/ui/diary_screen.py" line="224"/>
        <location filename="../../ejournal_desktop/ui/lesson_panel.py" line="117"/>
        <location filename="../../ejournal_desktop/ui/lesson_panel.py" line="390"/>
        <location filename="../../ejournal_desktop/ui/portfolio_screen.py" line="199"/>
        <location filename="../../ejournal_desktop/ui/roster_dialog.py" line="54"/>
        <source>Дата</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/board_screen.py" line="138"/>
        <source>Заголовок</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/board_screen.py" line="139"/>
        <source>Кому</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/board_screen.py" line="140"/>
        <source>Автор</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/board_screen.py" line="172"/>
        <source>Новое объявление… (Ctrl+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/board_screen.py" line="174"/>
        <location filename="../../ejournal_desktop/ui/ktp_editor.py" line="316"/>
        <location filename="../../ejournal_desktop/ui/partials/list_tab.py" line="74"/>
        <location filename="../../ejournal_desktop/ui/portfolio_screen.py" line="217"/>
        <source>Удалить</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/board_screen.py" line="194"/>
        <location filename="../../ejournal_desktop/ui/board_screen.py" line="253"/>
        <location filename="../../ejournal_desktop/ui/board_screen.py" line="259"/>
        <location filename="../../ejournal_desktop/ui/domain_labels.py" line="28"/>
        <source>Доска объявлений</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/board_screen.py" line="202"/>
        <location filename="../../ejournal_desktop/ui/board_screen.py" line="240"/>
        <source>Объявлений: {0}, непрочитанных: {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/board_screen.py" line="219"/>
        <location filename="../../ejournal_desktop/ui/journal_model.py" line="746"/>
        <source>с {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/board_screen.py" line="220"/>
        <source> по {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/board_screen.py" line="253"/>
        <source>Удалить объявление «{0}»?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/change_password_dialog.py" line="30"/>
        <source>Вы вошли с временным паролем. Придумайте свой пароль — не короче {0} знаков и не совпадающий с логином. Временный пароль больше не понадобится.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/change_password_dialog.py" line="33"/>
        <source>Новый пароль: не короче {0} знаков и не совпадающий с логином.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/change_password_dialog.py" line="46"/>
        <source>{0} (логин {1})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/change_password_dialog.py" line="52"/>
        <source>Текущий пароль:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/change_password_dialog.py" line="53"/>
        <source>Новый пароль:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/change_password_dialog.py" line="54"/>
        <source>Повторите новый:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/change_password_dialog.py" line="61"/>
        <source>Сменить пароль</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/change_password_dialog.py" line="64"/>
        <source>Выйти</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/change_password_dialog.py" line="97"/>
        <source>Новый пароль и повтор не совпадают</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="26"/>
        <location filename="../../ejournal_desktop/ui/import_wizard.py" line="180"/>
        <source>Фамилия</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="27"/>
        <location filename="../../ejournal_desktop/ui/import_wizard.py" line="181"/>
        <source>Имя</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="28"/>
        <location filename="../../ejournal_desktop/ui/import_wizard.py" line="182"/>
        <source>Отчество</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="30"/>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="58"/>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="73"/>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="179"/>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="297"/>
        <location filename="../../ejournal_desktop/ui/student_card.py" line="79"/>
        <location filename="../../ejournal_desktop/ui/student_card.py" line="109"/>
        <location filename="../../ejournal_desktop/ui/student_card.py" line="168"/>
        <source>Телефон</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="30"/>
        <location filename="../../ejournal_desktop/ui/student_card.py" line="81"/>
        <location filename="../../ejournal_desktop/ui/student_card.py" line="170"/>
        <source>Адрес</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="33"/>
        <source>Приказ о зачислении: №</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="34"/>
        <source>дата приказа (дд.мм.гггг)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="35"/>
        <source>вступает в силу (дд.мм.гггг)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="46"/>
        <location filename="../../ejournal_desktop/ui/domain_labels.py" line="21"/>
        <source>Контингент</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="55"/>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="120"/>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="180"/>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="383"/>
        <source>Родители</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="60"/>
        <source>Дети (группа)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="61"/>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="181"/>
        <source>Согласие ПД</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="67"/>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="121"/>
        <source>Сотрудники</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="70"/>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="296"/>
        <source>Должность</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="71"/>
        <source>Роли в ЭЖ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="80"/>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="122"/>
        <source>Специальности</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="82"/>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="267"/>
        <source>Код</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="83"/>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="95"/>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="268"/>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="307"/>
        <source>Наименование</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="84"/>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="269"/>
        <source>Квалификация</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="85"/>
        <source>Групп</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="92"/>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="123"/>
        <source>Дисциплины</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="94"/>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="306"/>
        <location filename="../../ejournal_desktop/ui/diary_screen.py" line="203"/>
        <location filename="../../ejournal_desktop/ui/journals_screen.py" line="53"/>
        <location filename="../../ejournal_desktop/ui/load_screen.py" line="44"/>
        <source>Индекс</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="103"/>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="124"/>
        <source>Периоды</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="105"/>
        <location filename="../../ejournal_desktop/ui/new_year_dialog.py" line="74"/>
        <source>Учебный год</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="106"/>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="318"/>
        <source>Семестр</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="107"/>
        <source>Начало</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="108"/>
        <source>Окончание</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="109"/>
        <source>Закрыт</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="118"/>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="142"/>
        <source>Группы</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="119"/>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="171"/>
        <location filename="../../ejournal_desktop/ui/my_group_screen.py" line="340"/>
        <source>Обучающиеся</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="145"/>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="273"/>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="281"/>
        <source>Специальность</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="146"/>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="282"/>
        <location filename="../../ejournal_desktop/ui/new_year_dialog.py" line="80"/>
        <source>Курс</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="147"/>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="283"/>
        <source>Год набора</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="148"/>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="284"/>
        <location filename="../../ejournal_desktop/ui/main_window_extras.py" line="122"/>
        <source>База</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="148"/>
        <source>{0} кл.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="149"/>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="285"/>
        <source>Куратор</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="150"/>
        <location filename="../../ejournal_desktop/ui/new_year_dialog.py" line="80"/>
        <source>Обучающихся</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="151"/>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="286"/>
        <source>В архиве</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="157"/>
        <source>Список на дату…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="158"/>
        <source>Список группы на выбранную дату по приказам: PDF или Excel (Ctrl+P)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="164"/>
        <source>Новый учебный год…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="175"/>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="346"/>
        <location filename="../../ejournal_desktop/ui/import_wizard.py" line="183"/>
        <location filename="../../ejournal_desktop/ui/roster_dialog.py" line="68"/>
        <location filename="../../ejournal_desktop/ui/student_card.py" line="77"/>
        <location filename="../../ejournal_desktop/ui/student_card.py" line="166"/>
        <source>Дата рождения</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="176"/>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="347"/>
        <location filename="../../ejournal_desktop/ui/roster_dialog.py" line="69"/>
        <location filename="../../ejournal_desktop/ui/student_card.py" line="78"/>
        <location filename="../../ejournal_desktop/ui/student_card.py" line="167"/>
        <source>№ зачётной книжки</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="177"/>
        <location filename="../../ejournal_desktop/ui/student_card.py" line="76"/>
        <location filename="../../ejournal_desktop/ui/student_card.py" line="165"/>
        <source>Статус</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="178"/>
        <location filename="../../ejournal_desktop/ui/journals_screen.py" line="55"/>
        <location filename="../../ejournal_desktop/ui/load_screen.py" line="46"/>
        <location filename="../../ejournal_desktop/ui/load_screen.py" line="107"/>
        <source>Подгруппа</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="185"/>
        <source>Поиск по ФИО, группе, номеру книжки: начните вводить…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="190"/>
        <source>без согласия</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="191"/>
        <source>Только обучающиеся без согласия на обработку персональных данных</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="194"/>
        <source>Карточка…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="199"/>
        <location filename="../../ejournal_desktop/ui/student_card.py" line="120"/>
        <source>Движение…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="200"/>
        <source>Приказ для выбранных: перевод, отпуск, отчисление, выпуск… (Ctrl+M)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="205"/>
        <source>Импорт из Excel…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="250"/>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="286"/>
        <location filename="../../ejournal_desktop/ui/partials/table_model.py" line="39"/>
        <location filename="../../ejournal_desktop/ui/portfolio_screen.py" line="205"/>
        <location filename="../../ejournal_desktop/ui/student_card.py" line="40"/>
        <source>нет</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="278"/>
        <source>— нет —</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="284"/>
        <source>9 классов</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="284"/>
        <source>11 классов</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="286"/>
        <location filename="../../ejournal_desktop/ui/partials/table_model.py" line="39"/>
        <source>да</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="301"/>
        <source>Сотрудник</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="312"/>
        <location filename="../../ejournal_desktop/ui/diary_screen.py" line="204"/>
        <location filename="../../ejournal_desktop/ui/diary_screen.py" line="233"/>
        <location filename="../../ejournal_desktop/ui/diary_screen.py" line="244"/>
        <location filename="../../ejournal_desktop/ui/journals_screen.py" line="54"/>
        <location filename="../../ejournal_desktop/ui/load_screen.py" line="45"/>
        <location filename="../../ejournal_desktop/ui/load_screen.py" line="106"/>
        <source>Дисциплина</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="317"/>
        <source>Учебный год (2026/2027)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="319"/>
        <source>Начало (дд.мм.гггг)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="320"/>
        <source>Окончание (дд.мм.гггг)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="330"/>
        <location filename="../../ejournal_desktop/ui/control_screen.py" line="214"/>
        <location filename="../../ejournal_desktop/ui/control_screen.py" line="265"/>
        <source>Период</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="338"/>
        <source>Контакты обучающегося</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="354"/>
        <source>Новый обучающийся</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="357"/>
        <location filename="../../ejournal_desktop/ui/domain_labels.py" line="35"/>
        <location filename="../../ejournal_desktop/ui/load_screen.py" line="177"/>
        <location filename="../../ejournal_desktop/ui/my_group_screen.py" line="85"/>
        <location filename="../../ejournal_desktop/ui/my_group_screen.py" line="95"/>
        <source>Обучающийся</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="365"/>
        <location filename="../../ejournal_desktop/ui/movement_dialog.py" line="85"/>
        <location filename="../../ejournal_desktop/ui/movement_dialog.py" line="94"/>
        <location filename="../../ejournal_desktop/ui/new_year_dialog.py" line="71"/>
        <source>Дата приказа</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="366"/>
        <location filename="../../ejournal_desktop/ui/movement_dialog.py" line="86"/>
        <location filename="../../ejournal_desktop/ui/movement_dialog.py" line="95"/>
        <location filename="../../ejournal_desktop/ui/new_year_dialog.py" line="72"/>
        <location filename="../../ejournal_desktop/ui/student_card.py" line="128"/>
        <source>Вступает в силу</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="370"/>
        <source>Не заполнено поле «Дата приказа»</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="373"/>
        <source>Не выбрана группа</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="383"/>
        <source>Нового родителя добавляют из карточки обучающегося</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="388"/>
        <location filename="../../ejournal_desktop/ui/domain_labels.py" line="36"/>
        <location filename="../../ejournal_desktop/ui/import_wizard.py" line="186"/>
        <source>Родитель</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="391"/>
        <source>Кем приходится</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="392"/>
        <source>мать</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="395"/>
        <source>родитель</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="398"/>
        <source>Новый родитель</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="408"/>
        <source>Карточка</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="408"/>
        <source>Выберите обучающегося в таблице</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="421"/>
        <location filename="../../ejournal_desktop/ui/movement_dialog.py" line="64"/>
        <location filename="../../ejournal_desktop/ui/student_card.py" line="188"/>
        <source>Движение по приказу</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/contingent_screen.py" line="421"/>
        <source>Выберите обучающихся в таблице</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/control_screen.py" line="66"/>
        <location filename="../../ejournal_desktop/ui/domain_labels.py" line="23"/>
        <source>Контроль журналов</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/control_screen.py" line="76"/>
        <location filename="../../ejournal_desktop/ui/reports_screen.py" line="93"/>
        <location filename="../../ejournal_desktop/ui/settings_dialog.py" line="204"/>
        <source> дн.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/control_screen.py" line="77"/>
        <source>Журнал, в котором нет записей дольше порога, выделяется</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/control_screen.py" line="82"/>
        <location filename="../../ejournal_desktop/ui/control_screen.py" line="197"/>
        <source>Закрыть период…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/control_screen.py" line="83"/>
        <source>После закрытия оценки и пропуски периода изменить нельзя</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/control_screen.py" line="91"/>
        <location filename="../../ejournal_desktop/ui/diary_screen.py" line="176"/>
        <location filename="../../ejournal_desktop/ui/journals_screen.py" line="108"/>
        <location filename="../../ejournal_desktop/ui/load_screen.py" line="58"/>
        <location filename="../../ejournal_desktop/ui/my_group_screen.py" line="292"/>
        <location filename="../../ejournal_desktop/ui/reports_screen.py" line="95"/>
        <source>Период:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/control_screen.py" line="93"/>
        <source>Порог без записей:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/control_screen.py" line="102"/>
        <location filename="../../ejournal_desktop/ui/my_group_screen.py" line="303"/>
        <source>Отчёты:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/control_screen.py" line="106"/>
        <source>Итоги по техникуму</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/control_screen.py" line="107"/>
        <source>Статистика преподавателей</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/control_screen.py" line="121"/>
        <source>Открыть журнал (только просмотр) — двойной щелчок по строке или Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/control_screen.py" line="155"/>
        <source>Периоды обучения ещё не созданы</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/control_screen.py" line="190"/>
        <source>Не удалось загрузить периоды</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/control_screen.py" line="195"/>
        <source>Период закрыт</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/control_screen.py" line="195"/>
        <source>Период открыт</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/control_screen.py" line="197"/>
        <source>Открыть период…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/control_screen.py" line="231"/>
        <source>Открыть период «{0}»? Преподаватели снова смогут исправлять оценки и пропуски.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/control_screen.py" line="236"/>
        <source>Закрыть период «{0}»? Оценки, пропуски, занятия и итоговые оценки станут доступны только для просмотра.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/control_screen.py" line="247"/>
        <source>Открытие периода…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/control_screen.py" line="254"/>
        <source>Закрытие периода…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/control_screen.py" line="295"/>
        <source>← Контроль журналов</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/edit_window_dialog.py" line="31"/>
        <source>Срок исправлений</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/edit_window_dialog.py" line="32"/>
        <source>&amp;Журнал</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/edit_window_dialog.py" line="33"/>
        <source>&amp;Срок исправлений…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/edit_window_dialog.py" line="36"/>
        <source>Оценки и пропуски занятия, проведённого не раньше указанного числа дней назад, преподаватель исправляет свободно. Исправление более старого занятия требует указать причину («запись ошибочна»): она сохраняется в журнале аудита вместе с изменением. 0 — причина нужна всегда, кроме занятий сегодняшнего дня.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/edit_window_dialog.py" line="44"/>
        <source>день</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/edit_window_dialog.py" line="44"/>
        <source>дня</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/edit_window_dialog.py" line="44"/>
        <source>дней</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/edit_window_dialog.py" line="65"/>
        <source>Без &amp;причины исправляются занятия за последние:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/diary_screen.py" line="50"/>
        <source>Что нового: это первый вход в дневник.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/diary_screen.py" line="52"/>
        <source>Что нового с {0}:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/diary_screen.py" line="57"/>
        <source>новые оценки: {0}{1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/diary_screen.py" line="60"/>
        <source>пропуски: {0} занятий ({1} ч)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/diary_screen.py" line="62"/>
        <source>непрочитанных сообщений: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/diary_screen.py" line="64"/>
        <source>{0} ничего нового.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/diary_screen.py" line="94"/>
        <location filename="../../ejournal_desktop/ui/diary_screen.py" line="288"/>
        <source>Уведомления на e-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/diary_screen.py" line="102"/>
        <source>Письма приходят на адрес: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/diary_screen.py" line="104"/>
        <source> («{0}» записан с ошибкой)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/diary_screen.py" line="107"/>
        <source>У вас не записан адрес электронной почты{0}. Его вносит классный руководитель или секретарь учебной части; после этого уведомления можно включить.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/diary_screen.py" line="112"/>
        <source>Новая оценка «&amp;2»</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/diary_screen.py" line="114"/>
        <source>&amp;Пропуск занятия без уважительной причины</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/diary_screen.py" line="116"/>
        <source>&amp;Итоги недели: оценки и пропуски (письмо по выходным)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/diary_screen.py" line="118"/>
        <source>Письмо приходит, когда в журнале появляется новая запись; о прошлых записях писем нет.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/diary_screen.py" line="128"/>
        <location filename="../../ejournal_desktop/ui/edit_window_dialog.py" line="67"/>
        <location filename="../../ejournal_desktop/ui/load_screen.py" line="182"/>
        <location filename="../../ejournal_desktop/ui/login_dialog.py" line="167"/>
        <location filename="../../ejournal_desktop/ui/my_group_screen.py" line="168"/>
        <location filename="../../ejournal_desktop/ui/partials/form_dialog.py" line="66"/>
        <location filename="../../ejournal_desktop/ui/settings_dialog.py" line="278"/>
        <location filename="../../ejournal_desktop/ui/smtp_settings.py" line="186"/>
        <source>Сохранить</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/diary_screen.py" line="134"/>
        <source>Присылать письмо, когда у ребёнка:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/diary_screen.py" line="182"/>
        <source>&amp;Уведомления на e-mail…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/diary_screen.py" line="183"/>
        <source>Письма о новой «2», пропуске без уважительной причины, итоги недели</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/diary_screen.py" line="206"/>
        <source>Оценки</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/diary_screen.py" line="207"/>
        <location filename="../../ejournal_desktop/ui/journal_model.py" line="57"/>
        <source>Ср. балл</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/diary_screen.py" line="208"/>
        <location filename="../../ejournal_desktop/ui/journal_model.py" line="488"/>
        <source>Итоговые</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/diary_screen.py" line="210"/>
        <source>Уважит., ч</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/diary_screen.py" line="217"/>
        <source>Оценка</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/diary_screen.py" line="225"/>
        <source>опоздание</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/diary_screen.py" line="232"/>
        <source>К занятию</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/diary_screen.py" line="234"/>
        <source>Задано</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/diary_screen.py" line="235"/>
        <source>Задание</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/diary_screen.py" line="241"/>
        <source>День</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/diary_screen.py" line="246"/>
        <source>Аудитория</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/diary_screen.py" line="263"/>
        <source>Оценки и посещаемость</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/diary_screen.py" line="266"/>
        <source>Домашние задания</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/diary_screen.py" line="267"/>
        <source>Расписание недели</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/diary_screen.py" line="292"/>
        <source>Уведомления включены</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/diary_screen.py" line="292"/>
        <source>Уведомления выключены</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/diary_screen.py" line="300"/>
        <location filename="../../ejournal_desktop/ui/diary_screen.py" line="349"/>
        <location filename="../../ejournal_desktop/ui/domain_labels.py" line="19"/>
        <source>Дневник</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/diary_screen.py" line="308"/>
        <source>Ребёнок:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/diary_screen.py" line="314"/>
        <source>Нет обучающихся, чей дневник вам доступен</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/diary_screen.py" line="347"/>
        <source>Не удалось открыть дневник: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/diary_screen.py" line="363"/>
        <source>{0}, группа {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/diary_screen.py" line="366"/>
        <source>Средний балл за период: {0}. </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/diary_screen.py" line="367"/>
        <source>Пропущено: {0} ч, из них по уважительной причине: {1} ч.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/edit_window_dialog.py" line="87"/>
        <source>Сегодня без причины исправляются занятия с {0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/help_browser.py" line="68"/>
        <location filename="../../ejournal_desktop/ui/help_browser.py" line="112"/>
        <source>Справка ЭЖ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/help_browser.py" line="79"/>
        <source>← Назад</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/help_browser.py" line="81"/>
        <source>Предыдущая страница (Alt+←)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/help_browser.py" line="85"/>
        <source>Содержание</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/help_browser.py" line="86"/>
        <source>Все разделы справки</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/help_browser.py" line="112"/>
        <source>Справка ЭЖ — {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/import_wizard.py" line="39"/>
        <source>— не загружать —</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/import_wizard.py" line="40"/>
        <source>добавить</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/import_wizard.py" line="40"/>
        <source>обновить</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/import_wizard.py" line="40"/>
        <source>без изменений</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/import_wizard.py" line="65"/>
        <source>Импорт не выполнен: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/import_wizard.py" line="74"/>
        <source>Файл со списком</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/import_wizard.py" line="76"/>
        <source>Книга Excel (XLSX): первая строка — заголовки столбцов (Фамилия, Имя, Дата рождения, Группа …)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/import_wizard.py" line="80"/>
        <location filename="../../ejournal_desktop/ui/login_dialog.py" line="127"/>
        <source>Обзор…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/import_wizard.py" line="94"/>
        <source>Список обучающихся</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/import_wizard.py" line="94"/>
        <location filename="../../ejournal_desktop/ui/journal_view.py" line="336"/>
        <location filename="../../ejournal_desktop/ui/ktp_editor.py" line="606"/>
        <location filename="../../ejournal_desktop/ui/ktp_editor.py" line="610"/>
        <location filename="../../ejournal_desktop/ui/partials/list_tab.py" line="155"/>
        <location filename="../../ejournal_desktop/ui/report_preview.py" line="394"/>
        <location filename="../../ejournal_desktop/ui/roster_dialog.py" line="129"/>
        <source>Книга Excel (*.xlsx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/import_wizard.py" line="116"/>
        <source>Сопоставление столбцов</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/import_wizard.py" line="117"/>
        <source>Какой столбец файла что содержит. Выбор запоминается для следующих файлов.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/import_wizard.py" line="174"/>
        <source>Проверка строк</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/import_wizard.py" line="179"/>
        <source>Строка</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/import_wizard.py" line="185"/>
        <source>№ книжки</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/import_wizard.py" line="187"/>
        <source>ошибка</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/import_wizard.py" line="188"/>
        <source>Ошибки</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/import_wizard.py" line="197"/>
        <source>Загрузить только строки без ошибок (строки с ошибками будут пропущены)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/import_wizard.py" line="210"/>
        <source>Строк: {0}. Будет добавлено: {1}, обновлено: {2}, без изменений: {3}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/import_wizard.py" line="214"/>
        <source> &lt;span style=&apos;{0}&apos;&gt;Строк с ошибками: {1} — они выделены; наведите на строку.&lt;/span&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/import_wizard.py" line="217"/>
        <source> Исправьте файл или явно выберите загрузку только строк без ошибок.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/import_wizard.py" line="231"/>
        <source>Импорт</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/import_wizard.py" line="236"/>
        <source>Прервать</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/import_wizard.py" line="255"/>
        <source>Идёт импорт…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/import_wizard.py" line="292"/>
        <source>Импорт обучающихся из Excel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/import_wizard.py" line="293"/>
        <source>Далее &gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/import_wizard.py" line="294"/>
        <source>&lt; Назад</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/import_wizard.py" line="295"/>
        <source>Готово</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_grid.py" line="72"/>
        <source>оп</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_grid.py" line="367"/>
        <source>Журнал только для просмотра</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_model.py" line="425"/>
        <source>{0} не числится в группе {1}: ячейка закрыта</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_grid.py" line="368"/>
        <source>Эта колонка считается сама</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_grid.py" line="394"/>
        <source>Очистка</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_grid.py" line="419"/>
        <source>«{0}»: за пределами журнала</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_grid.py" line="433"/>
        <source>… и ещё {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_grid.py" line="434"/>
        <source>Ничего не вставлено:
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_grid.py" line="436"/>
        <source>Вставка</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_grid.py" line="462"/>
        <source>№  Обучающийся</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_view.py" line="75"/>
        <source>2, нз</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_view.py" line="76"/>
        <source>пропуск</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_view.py" line="77"/>
        <source>сохраняется</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_view.py" line="78"/>
        <source>не сохранено</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_view.py" line="79"/>
        <source>не в группе</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_view.py" line="148"/>
        <source>← Мои журналы</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_view.py" line="150"/>
        <source>Загрузка журнала…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_view.py" line="156"/>
        <source>Добавить занятие…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_view.py" line="158"/>
        <source>Отменить</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_view.py" line="159"/>
        <source>Отменить последнее изменение (Ctrl+Z)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_view.py" line="160"/>
        <source>Повторить</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_view.py" line="161"/>
        <source>Повторить отменённое (Ctrl+Y)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_view.py" line="207"/>
        <source>Ввод: 5 4 3 2 зч нз, 4/5, н, н1, 5 н1 · Enter — вниз · Del — очистить · Ctrl+V — вставить · Ctrl+L — опоздание («оп»)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_view.py" line="221"/>
        <source>Нет связи с базой данных — изменения сохранятся, когда связь появится</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_view.py" line="239"/>
        <location filename="../../ejournal_desktop/ui/journal_view.py" line="774"/>
        <source>Журнал</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_view.py" line="241"/>
        <source>КТП…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_view.py" line="243"/>
        <source>Календарно-тематический план (Ctrl+K)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_view.py" line="246"/>
        <source>Расписание…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_view.py" line="248"/>
        <source>Расписание по дням недели и «Создать занятия по расписанию» (Ctrl+R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_view.py" line="252"/>
        <location filename="../../ejournal_desktop/ui/ktp_editor.py" line="323"/>
        <source>Экспорт в XLSX…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_view.py" line="254"/>
        <source>Журнал в книгу Excel: оценки по месяцам и содержание занятий (Ctrl+E)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_view.py" line="256"/>
        <source>Печать в PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_view.py" line="258"/>
        <source>Журнал для печати: страницы по месяцам, как бумажный журнал (Ctrl+P)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/ktp_editor.py" line="281"/>
        <location filename="../../ejournal_desktop/ui/ktp_editor.py" line="614"/>
        <source>КТП</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_view.py" line="306"/>
        <source>Сохранение журнала в файл…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_view.py" line="313"/>
        <source> Несохранённые изменения ({0}) в файл не вошли.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_view.py" line="314"/>
        <source>Журнал сохранён: {0}.{1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_view.py" line="323"/>
        <location filename="../../ejournal_desktop/ui/ktp_editor.py" line="594"/>
        <location filename="../../ejournal_desktop/ui/portfolio_screen.py" line="436"/>
        <location filename="../../ejournal_desktop/ui/portfolio_screen.py" line="462"/>
        <source>Файл не записан: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_view.py" line="326"/>
        <source>Не удалось сохранить журнал в файл</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_view.py" line="328"/>
        <source>Экспорт журнала</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_view.py" line="336"/>
        <source>Экспорт журнала в XLSX</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_view.py" line="338"/>
        <source>Печать журнала в PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_view.py" line="415"/>
        <source>Журнал обновлён: изменения других пользователей</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_view.py" line="437"/>
        <source>Не удалось открыть журнал</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_view.py" line="510"/>
        <source>{0} · {1} · проведено {2} из {3} ч. · обучающихся: {4}, занятий: {5}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_view.py" line="520"/>
        <source>Только просмотр. {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_view.py" line="584"/>
        <source>занятие {0}, {1}-я пара</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_view.py" line="585"/>
        <source>Удалить {0}?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_view.py" line="590"/>
        <source>{0}

Удаление будет записано в журнал изменений.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_view.py" line="595"/>
        <location filename="../../ejournal_desktop/ui/journal_view.py" line="598"/>
        <source>Удаление занятия</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_view.py" line="609"/>
        <location filename="../../ejournal_desktop/ui/journal_view.py" line="663"/>
        <source>Все присутствуют</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_view.py" line="610"/>
        <source>Выставить оценку всем…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_view.py" line="611"/>
        <source>Изменить занятие…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_view.py" line="612"/>
        <source>Удалить занятие</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_view.py" line="632"/>
        <source>Опоздание отмечено или снято: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_view.py" line="639"/>
        <source>Опоздание (Ctrl+L)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_view.py" line="664"/>
        <source>Отметки о пропусках сняты: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_view.py" line="678"/>
        <location filename="../../ejournal_desktop/ui/journal_view.py" line="769"/>
        <source>Оценка всем</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_view.py" line="679"/>
        <source>Оценка «{0}» выставлена: {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_model.py" line="51"/>
        <source>Сем.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_model.py" line="52"/>
        <source>Экз.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/domain_labels.py" line="31"/>
        <source>Администратор</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/domain_labels.py" line="32"/>
        <source>Зам. директора по УПР</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/domain_labels.py" line="33"/>
        <source>Секретарь учебной части</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/domain_labels.py" line="38"/>
        <source>Теоретическое занятие</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/domain_labels.py" line="39"/>
        <source>Практическое занятие</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/domain_labels.py" line="40"/>
        <source>Лабораторная работа</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/domain_labels.py" line="41"/>
        <source>Семинар</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/domain_labels.py" line="42"/>
        <source>Контрольная работа</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/domain_labels.py" line="43"/>
        <source>Экскурсия</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/domain_labels.py" line="44"/>
        <source>Консультация</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/domain_labels.py" line="45"/>
        <source>Экзамен</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/domain_labels.py" line="47"/>
        <source>Семестровая</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/domain_labels.py" line="48"/>
        <location filename="../../ejournal_desktop/ui/journal_model.py" line="53"/>
        <source>Зачёт</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/domain_labels.py" line="49"/>
        <source>Дифференцированный зачёт</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/domain_labels.py" line="51"/>
        <source>неуважительная</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/domain_labels.py" line="52"/>
        <source>уважительная</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/domain_labels.py" line="53"/>
        <source>болезнь</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/domain_labels.py" line="55"/>
        <source>экзамен</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/domain_labels.py" line="56"/>
        <source>дифференцированный зачёт</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/domain_labels.py" line="57"/>
        <source>зачёт</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/domain_labels.py" line="58"/>
        <source>другие формы контроля</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/domain_labels.py" line="60"/>
        <source>зачисление</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/domain_labels.py" line="61"/>
        <source>перевод</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/domain_labels.py" line="62"/>
        <source>академический отпуск</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/domain_labels.py" line="63"/>
        <source>выход из академического отпуска</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/domain_labels.py" line="64"/>
        <source>отчисление</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/domain_labels.py" line="65"/>
        <source>восстановление</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/domain_labels.py" line="66"/>
        <source>выпуск</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/domain_labels.py" line="68"/>
        <source>Олимпиада</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/domain_labels.py" line="69"/>
        <source>Конкурс, соревнование</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/domain_labels.py" line="70"/>
        <source>Сертификат, удостоверение</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/domain_labels.py" line="71"/>
        <source>Отчёт по практике</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/domain_labels.py" line="72"/>
        <source>Другое</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/domain_labels.py" line="73"/>
        <source>техникум</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/domain_labels.py" line="74"/>
        <source>район</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/domain_labels.py" line="75"/>
        <source>край</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/domain_labels.py" line="76"/>
        <source>Россия</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_model.py" line="54"/>
        <source>Диф. з.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_model.py" line="57"/>
        <source>Средний балл (числовые оценки)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_model.py" line="58"/>
        <source>Количество оценок за занятия</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_model.py" line="59"/>
        <source>Пропущ. ч.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_model.py" line="59"/>
        <source>Пропущено часов (в скобках — по уважительной причине)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_model.py" line="433"/>
        <location filename="../../ejournal_desktop/ui/journal_view.py" line="684"/>
        <location filename="../../ejournal_desktop/ui/journal_view.py" line="688"/>
        <source>Не сохранено: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_model.py" line="440"/>
        <source>{0}, {1}-я пара: {2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_model.py" line="441"/>
        <source>тема не указана</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_model.py" line="446"/>
        <source>Пропуск {0} ч., причина: {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_model.py" line="448"/>
        <location filename="../../ejournal_desktop/ui/journal_model.py" line="587"/>
        <source>Опоздание</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_model.py" line="450"/>
        <source>Запись: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_model.py" line="453"/>
        <source>Итоговая: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_model.py" line="456"/>
        <source>Выставил(а): {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_model.py" line="458"/>
        <location filename="../../ejournal_desktop/ui/ktp_editor.py" line="150"/>
        <source>Сохраняется…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_model.py" line="488"/>
        <source>Итог</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_model.py" line="492"/>
        <source>Итоги</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_model.py" line="501"/>
        <source>Итоговая оценка: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_model.py" line="514"/>
        <source>
В группе: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_model.py" line="538"/>
        <source>В этой колонке ничего не вводится</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_model.py" line="561"/>
        <source>Ввод в ячейку</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_model.py" line="583"/>
        <source>Отсутствовавший всё занятие не может опоздать: сначала снимите «н»</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_model.py" line="718"/>
        <source>{0}, {1}-я пара, {2} ч.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_model.py" line="720"/>
        <source>Тема: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_model.py" line="723"/>
        <source>Домашнее задание: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_model.py" line="744"/>
        <source>с {0} по {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_model.py" line="748"/>
        <source>по {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_model.py" line="749"/>
        <source>весь период</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_view.py" line="712"/>
        <source>Исправление записи старше {0} дн.: укажите причину.
{1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_view.py" line="717"/>
        <source>Исправление отменено: причина не указана</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_view.py" line="726"/>
        <source>Итоговая оценка</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_view.py" line="736"/>
        <source>Другой пользователь</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_view.py" line="737"/>
        <location filename="../../ejournal_desktop/ui/journal_view.py" line="759"/>
        <source>поставила</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_view.py" line="737"/>
        <source>поставил</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_view.py" line="741"/>
        <source>{0} {1} «{2}» ({3}, {4}), пока вы вводили «{5}».
Ничего не перезаписано.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_view.py" line="742"/>
        <source>пусто</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_view.py" line="754"/>
        <source>Причина исправления</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_view.py" line="758"/>
        <source>Ячейку изменили</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_view.py" line="759"/>
        <source>Оставить её значение</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_view.py" line="759"/>
        <source>Оставить его значение</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_view.py" line="761"/>
        <source>Записать своё</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_view.py" line="769"/>
        <source>Оценка всем присутствующим без оценки:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journals_screen.py" line="47"/>
        <source>Прошедших занятий без оценок и отметок: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journals_screen.py" line="55"/>
        <location filename="../../ejournal_desktop/ui/load_screen.py" line="46"/>
        <location filename="../../ejournal_desktop/ui/load_screen.py" line="107"/>
        <location filename="../../ejournal_desktop/ui/reports_screen.py" line="187"/>
        <source>вся группа</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journals_screen.py" line="56"/>
        <source>Проведено / по плану, ч.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journals_screen.py" line="57"/>
        <source>Последняя запись</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journals_screen.py" line="58"/>
        <source>Занятий без оценок</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journals_screen.py" line="59"/>
        <source>Доступ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journals_screen.py" line="59"/>
        <source>ведение</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journals_screen.py" line="59"/>
        <source>просмотр</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/diary_screen.py" line="205"/>
        <location filename="../../ejournal_desktop/ui/diary_screen.py" line="245"/>
        <location filename="../../ejournal_desktop/ui/domain_labels.py" line="34"/>
        <location filename="../../ejournal_desktop/ui/journals_screen.py" line="61"/>
        <location filename="../../ejournal_desktop/ui/load_screen.py" line="47"/>
        <location filename="../../ejournal_desktop/ui/load_screen.py" line="108"/>
        <source>Преподаватель</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/domain_labels.py" line="17"/>
        <location filename="../../ejournal_desktop/ui/journals_screen.py" line="78"/>
        <location filename="../../ejournal_desktop/ui/journals_screen.py" line="102"/>
        <source>Мои журналы</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journals_screen.py" line="79"/>
        <source>Все журналы техникума</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journals_screen.py" line="82"/>
        <source>Фильтр: группа, дисциплина, преподаватель…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journals_screen.py" line="135"/>
        <location filename="../../ejournal_desktop/ui/my_group_screen.py" line="404"/>
        <source>Периоды обучения ещё не созданы: обратитесь к секретарю учебной части</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/background.py" line="24"/>
        <source>Сохранение…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/background.py" line="25"/>
        <location filename="../../ejournal_desktop/ui/diary_screen.py" line="327"/>
        <location filename="../../ejournal_desktop/ui/journals_screen.py" line="151"/>
        <location filename="../../ejournal_desktop/ui/my_group_screen.py" line="299"/>
        <location filename="../../ejournal_desktop/ui/my_group_screen.py" line="420"/>
        <source>Загрузка…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journals_screen.py" line="169"/>
        <source>Журналов: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journals_screen.py" line="171"/>
        <source> · с незаполненными занятиями: {0} (выделены цветом)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journals_screen.py" line="173"/>
        <source>В этом периоде журналов нет</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journals_screen.py" line="174"/>
        <source> · Открыть журнал — двойной щелчок или Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journals_screen.py" line="183"/>
        <source>Не удалось получить список журналов</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/ktp_editor.py" line="55"/>
        <source>Раздел</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/ktp_editor.py" line="56"/>
        <location filename="../../ejournal_desktop/ui/lesson_panel.py" line="121"/>
        <source>Тема</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/ktp_editor.py" line="57"/>
        <source>Часы</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/ktp_editor.py" line="58"/>
        <location filename="../../ejournal_desktop/ui/lesson_panel.py" line="393"/>
        <source>Вид занятия</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/ktp_editor.py" line="59"/>
        <location filename="../../ejournal_desktop/ui/lesson_panel.py" line="103"/>
        <source>Домашнее задание</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/ktp_editor.py" line="60"/>
        <source>Проведено</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/ktp_editor.py" line="65"/>
        <location filename="../../ejournal_desktop/ui/portfolio_screen.py" line="50"/>
        <source>Чтение файла…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/ktp_editor.py" line="66"/>
        <source>Запись файла…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/ktp_editor.py" line="152"/>
        <source>Проведено с {0}: {1} ч.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/ktp_editor.py" line="153"/>
        <source>Тема ещё не проведена</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/ktp_editor.py" line="175"/>
        <source>Часы: «{0}» — не число (от 1 до 8)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/ktp_editor.py" line="224"/>
        <source>Тема {0}: {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/ktp_editor.py" line="264"/>
        <source>КТП — календарно-тематический план</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/ktp_editor.py" line="314"/>
        <source>Добавить тему</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/ktp_editor.py" line="315"/>
        <source>Новая тема после текущей (Insert)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/ktp_editor.py" line="317"/>
        <source>Удалить текущую тему (Ctrl+Delete)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/ktp_editor.py" line="318"/>
        <source>Выше</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/ktp_editor.py" line="319"/>
        <source>Переместить тему выше (Ctrl+↑)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/ktp_editor.py" line="320"/>
        <source>Ниже</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/ktp_editor.py" line="321"/>
        <source>Переместить тему ниже (Ctrl+↓)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/ktp_editor.py" line="322"/>
        <source>Импорт из XLSX…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/ktp_editor.py" line="349"/>
        <source>Ячейка сохраняется, когда вы её покидаете. Зелёным — темы, по которым уже были занятия.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/ktp_editor.py" line="384"/>
        <source>КТП: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/ktp_editor.py" line="495"/>
        <source>Новая тема</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/ktp_editor.py" line="513"/>
        <source>
По ней уже проведены занятия ({0} ч.): их темы останутся в журнале.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/ktp_editor.py" line="517"/>
        <source>Удалить тему {0} «{1}»?{2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/ktp_editor.py" line="556"/>
        <source>Заменить КТП темами из файла «{0}»: {1} тем, {2} ч.?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/ktp_editor.py" line="560"/>
        <source>
Сейчас в КТП {0} тем; занятия сохранят свои темы.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/ktp_editor.py" line="568"/>
        <source>Загружено тем: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/ktp_editor.py" line="577"/>
        <source>КТП {0} {1}.xlsx</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/ktp_editor.py" line="588"/>
        <source>КТП сохранён: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/ktp_editor.py" line="606"/>
        <source>Импорт КТП</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/ktp_editor.py" line="610"/>
        <source>Экспорт КТП</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/lesson_panel.py" line="88"/>
        <location filename="../../ejournal_desktop/ui/lesson_panel.py" line="164"/>
        <source>Занятие</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/diary_screen.py" line="218"/>
        <location filename="../../ejournal_desktop/ui/lesson_panel.py" line="99"/>
        <source>Тема занятия</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/lesson_panel.py" line="100"/>
        <source>Тема из КТП</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/lesson_panel.py" line="101"/>
        <source>Взять следующую тему календарно-тематического плана</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/lesson_panel.py" line="107"/>
        <source>Выберите колонку занятия в журнале</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/diary_screen.py" line="242"/>
        <location filename="../../ejournal_desktop/ui/lesson_panel.py" line="118"/>
        <location filename="../../ejournal_desktop/ui/lesson_panel.py" line="391"/>
        <source>Пара</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/lesson_panel.py" line="119"/>
        <location filename="../../ejournal_desktop/ui/lesson_panel.py" line="392"/>
        <location filename="../../ejournal_desktop/ui/load_screen.py" line="48"/>
        <source>Часов</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/lesson_panel.py" line="123"/>
        <source>Д/з</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/lesson_panel.py" line="43"/>
        <source>Занятие {0}, {1}-я пара</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/lesson_panel.py" line="271"/>
        <source>Занятие {0}: {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/lesson_panel.py" line="330"/>
        <source>В КТП не осталось непройденных тем</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/lesson_panel.py" line="358"/>
        <source>Добавить занятие</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/lesson_panel.py" line="372"/>
        <source>по КТП</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/lesson_panel.py" line="385"/>
        <source>Тема по КТП: {0}. {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/lesson_panel.py" line="387"/>
        <source>В КТП нет следующей темы: тему можно ввести</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/lesson_panel.py" line="395"/>
        <location filename="../../ejournal_desktop/ui/portfolio_screen.py" line="109"/>
        <source>Добавить</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/domain_labels.py" line="22"/>
        <location filename="../../ejournal_desktop/ui/load_screen.py" line="41"/>
        <location filename="../../ejournal_desktop/ui/load_screen.py" line="78"/>
        <location filename="../../ejournal_desktop/ui/load_screen.py" line="138"/>
        <location filename="../../ejournal_desktop/ui/load_screen.py" line="143"/>
        <location filename="../../ejournal_desktop/ui/load_screen.py" line="145"/>
        <location filename="../../ejournal_desktop/ui/load_screen.py" line="155"/>
        <location filename="../../ejournal_desktop/ui/load_screen.py" line="157"/>
        <source>Учебная нагрузка</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/load_screen.py" line="49"/>
        <location filename="../../ejournal_desktop/ui/load_screen.py" line="112"/>
        <source>Форма контроля</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/load_screen.py" line="50"/>
        <source>Черновик</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/load_screen.py" line="51"/>
        <source>Проведено занятий</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/load_screen.py" line="62"/>
        <source>Скопировать из прошлого года</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/load_screen.py" line="63"/>
        <source>Утвердить черновик</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/load_screen.py" line="64"/>
        <source>Подгруппы…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/load_screen.py" line="83"/>
        <source>{0}, семестр {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/load_screen.py" line="109"/>
        <source>Часов по плану</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/load_screen.py" line="119"/>
        <source>Нагрузка</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/load_screen.py" line="138"/>
        <source>Нет такого же семестра прошлого учебного года</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/load_screen.py" line="145"/>
        <source>Скопировано записей (черновик): {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/load_screen.py" line="157"/>
        <source>Утверждено записей: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/load_screen.py" line="171"/>
        <source>Подгруппы</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/load_screen.py" line="177"/>
        <source>Подгруппа (0 — нет)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/login_dialog.py" line="58"/>
        <source>Не удалось войти из-за внутренней ошибки программы. Подробности записаны в журнал работы программы.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/login_dialog.py" line="60"/>
        <source>Не настроено ни одного подключения: нажмите «Настроить…».</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/login_dialog.py" line="63"/>
        <source>Файл на этом компьютере</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/login_dialog.py" line="63"/>
        <source>Сервер техникума (PostgreSQL)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/login_dialog.py" line="65"/>
        <source>без шифрования (disable)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/login_dialog.py" line="66"/>
        <source>если сервер требует (allow)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/login_dialog.py" line="67"/>
        <source>по возможности (prefer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/login_dialog.py" line="68"/>
        <source>обязательно (require)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/login_dialog.py" line="69"/>
        <source>с проверкой сертификата (verify-ca)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/login_dialog.py" line="70"/>
        <source>с проверкой сертификата и имени (verify-full)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/login_dialog.py" line="72"/>
        <source>База ЭЖ (*.sqlite3 *.sqlite *.db);;Все файлы (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/login_dialog.py" line="115"/>
        <source>Подключение к базе ЭЖ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/login_dialog.py" line="126"/>
        <source>например, C:\ЭЖ\journal.sqlite3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/login_dialog.py" line="135"/>
        <source>имя или IP-адрес сервера</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/login_dialog.py" line="148"/>
        <location filename="../../ejournal_desktop/ui/portfolio_screen.py" line="103"/>
        <source>Название:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/login_dialog.py" line="149"/>
        <source>Где база:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/login_dialog.py" line="150"/>
        <source>Файл базы:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/login_dialog.py" line="151"/>
        <source>Сервер:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/login_dialog.py" line="152"/>
        <location filename="../../ejournal_desktop/ui/smtp_settings.py" line="79"/>
        <source>Порт:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/login_dialog.py" line="153"/>
        <source>База данных:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/login_dialog.py" line="154"/>
        <source>Шифрование (SSL):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/login_dialog.py" line="201"/>
        <source>Введите название подключения.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/login_dialog.py" line="203"/>
        <source>Подключение «{0}» уже есть: выберите другое название.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/login_dialog.py" line="205"/>
        <source>Укажите адрес сервера.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/login_dialog.py" line="207"/>
        <source>Укажите имя базы данных на сервере.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/login_dialog.py" line="209"/>
        <source>Укажите файл базы данных.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/login_dialog.py" line="223"/>
        <source>Файл базы ЭЖ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/login_dialog.py" line="249"/>
        <source>Вход в ЭЖ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/login_dialog.py" line="273"/>
        <source>Войдите под своей учётной записью.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/login_dialog.py" line="280"/>
        <source>Настроить…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/login_dialog.py" line="281"/>
        <source>Изменить выбранное подключение</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/login_dialog.py" line="285"/>
        <source>Изменить подключение…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/login_dialog.py" line="286"/>
        <source>Новое подключение…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/login_dialog.py" line="287"/>
        <location filename="../../ejournal_desktop/ui/login_dialog.py" line="448"/>
        <location filename="../../ejournal_desktop/ui/settings_dialog.py" line="174"/>
        <source>Удалить подключение</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/login_dialog.py" line="302"/>
        <source>например, ivanov_ii</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/login_dialog.py" line="306"/>
        <source>Запомнить пароль</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/login_dialog.py" line="311"/>
        <source>Проверяется хранилище паролей операционной системы…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/login_dialog.py" line="314"/>
        <source>Подключение:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/login_dialog.py" line="329"/>
        <source>Подключение…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/login_dialog.py" line="338"/>
        <source>Войти</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/login_dialog.py" line="394"/>
        <source>Пароль будет храниться в хранилище паролей операционной системы.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/login_dialog.py" line="449"/>
        <location filename="../../ejournal_desktop/ui/settings_dialog.py" line="175"/>
        <source>Удалить подключение «{0}»? Сама база данных не удаляется.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/main_window.py" line="39"/>
        <source>PostgreSQL (сервер)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/main_window.py" line="39"/>
        <source>SQLite (встроенная база)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/main_window.py" line="59"/>
        <source>ЭЖ — {0} ({1})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/main_window.py" line="72"/>
        <source>Раздел в разработке</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/main_window.py" line="133"/>
        <source>&amp;Файл</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/main_window.py" line="134"/>
        <source>Сменить пользователя</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/main_window.py" line="138"/>
        <source>Сменить пароль…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/main_window.py" line="142"/>
        <source>Выход</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/main_window.py" line="147"/>
        <source>&amp;Справка</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/main_window.py" line="148"/>
        <location filename="../../ejournal_desktop/ui/main_window.py" line="213"/>
        <source>О программе</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/main_window.py" line="221"/>
        <source>Пароль изменён</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/main_window_extras.py" line="45"/>
        <source>&amp;Настройки…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/main_window_extras.py" line="54"/>
        <source>&amp;Справка по разделу</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/main_window_extras.py" line="57"/>
        <source>Сохранить сведения для &amp;поддержки…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/main_window_extras.py" line="67"/>
        <source>Сменить &amp;пользователя</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/main_window_extras.py" line="68"/>
        <source>&amp;Выход</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/main_window_extras.py" line="69"/>
        <source>&amp;О программе</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/main_window_extras.py" line="105"/>
        <source>Настройки сохранены</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/main_window_extras.py" line="112"/>
        <source>Версия ЭЖ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/main_window_extras.py" line="117"/>
        <source>База данных</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/main_window_extras.py" line="117"/>
        <source>сведения недоступны</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/main_window_extras.py" line="120"/>
        <source>Сервер базы данных</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/main_window_extras.py" line="121"/>
        <source>Схема базы данных</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/main_window_extras.py" line="121"/>
        <source> (устарела)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/main_window_extras.py" line="128"/>
        <source>&lt;h3&gt;{0}&lt;/h3&gt;&lt;p&gt;Электронный журнал успеваемости и посещаемости техникума.&lt;/p&gt;&lt;table&gt;{1}&lt;/table&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/main_window_extras.py" line="136"/>
        <source>ЭЖ-сведения-{0:%Y%m%d-%H%M}.zip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/main_window_extras.py" line="138"/>
        <source>Сохранить сведения для поддержки</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/main_window_extras.py" line="138"/>
        <source>Архив ZIP (*.zip)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/main_window_extras.py" line="148"/>
        <source>Сведения для поддержки</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/main_window_extras.py" line="148"/>
        <source>Не удалось записать файл {0}: {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/main_window_extras.py" line="151"/>
        <source>Сведения для поддержки сохранены: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/messages_screen.py" line="127"/>
        <source>Новая беседа</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/messages_screen.py" line="130"/>
        <source>Поиск по фамилии, группе…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/messages_screen.py" line="142"/>
        <source>Тема (для беседы нескольких человек)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/messages_screen.py" line="147"/>
        <source>Начать беседу</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/messages_screen.py" line="152"/>
        <source>Кому (отметьте одного или нескольких):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/messages_screen.py" line="200"/>
        <source>Поиск в сообщениях…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/messages_screen.py" line="204"/>
        <source>Новая беседа… (Ctrl+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/messages_screen.py" line="217"/>
        <source>Выберите беседу слева</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/messages_screen.py" line="234"/>
        <source>Сообщение… (Ctrl+Enter — отправить)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/messages_screen.py" line="236"/>
        <source>Прикрепить файл…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/messages_screen.py" line="240"/>
        <source>Отправить</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/messages_screen.py" line="296"/>
        <source>Ошибка: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/domain_labels.py" line="29"/>
        <location filename="../../ejournal_desktop/ui/messages_screen.py" line="297"/>
        <location filename="../../ejournal_desktop/ui/messages_screen.py" line="429"/>
        <location filename="../../ejournal_desktop/ui/messages_screen.py" line="436"/>
        <location filename="../../ejournal_desktop/ui/messages_screen.py" line="453"/>
        <source>Сообщения</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/messages_screen.py" line="346"/>
        <source>Ничего не найдено</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/messages_screen.py" line="372"/>
        <source>Участники: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/messages_screen.py" line="375"/>
        <source>Вы</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/messages_screen.py" line="379"/>
        <source>[вложение] {0} ({1})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/messages_screen.py" line="388"/>
        <source>Вложение: {0} ({1}) — двойной щелчок: сохранить</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/messages_screen.py" line="420"/>
        <source>Прикрепить файл</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/messages_screen.py" line="429"/>
        <source>Не удалось прочитать файл «{0}»: {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/messages_screen.py" line="437"/>
        <source>Файл «{0}» ({1}) больше допустимого размера вложения ({2}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/messages_screen.py" line="443"/>
        <source>Вложения: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/messages_screen.py" line="485"/>
        <source>Сохранить вложение</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/movement_dialog.py" line="67"/>
        <source>&lt;b&gt;{0}&lt;/b&gt;, группа {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/diary_screen.py" line="56"/>
        <location filename="../../ejournal_desktop/ui/movement_dialog.py" line="70"/>
        <source> и ещё {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/movement_dialog.py" line="71"/>
        <source>&lt;b&gt;Обучающихся: {0}&lt;/b&gt; — {1}{2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/movement_dialog.py" line="82"/>
        <source>например, 45-к</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/movement_dialog.py" line="90"/>
        <source>необязательно: основание, заявление</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/movement_dialog.py" line="92"/>
        <source>Вид движения</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/movement_dialog.py" line="93"/>
        <source>Номер приказа</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/movement_dialog.py" line="96"/>
        <location filename="../../ejournal_desktop/ui/student_card.py" line="131"/>
        <source>В группу</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/movement_dialog.py" line="98"/>
        <location filename="../../ejournal_desktop/ui/student_card.py" line="133"/>
        <source>Примечание</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/movement_dialog.py" line="108"/>
        <source>Провести приказ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/movement_dialog.py" line="141"/>
        <source>— в ту же группу —</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/movement_dialog.py" line="177"/>
        <source>Приказ о зачислении для тех, кто уже внесён в список группы без приказа: с даты вступления в силу обучающийся числится в своей группе.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/movement_dialog.py" line="180"/>
        <source>С даты вступления в силу — в новой группе; в прежней — по предыдущий день. Оценки сохраняются.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/movement_dialog.py" line="181"/>
        <source>С даты вступления в силу обучающийся не числится в группе; оценки сохраняются.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/movement_dialog.py" line="182"/>
        <source>Выход из академического отпуска: в ту же группу или в другую (обычно младшего курса).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/movement_dialog.py" line="183"/>
        <source>С даты вступления в силу обучающийся не числится в группе; оценки и пропуски сохраняются.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/movement_dialog.py" line="184"/>
        <source>Восстановление отчисленного: выберите группу.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/movement_dialog.py" line="185"/>
        <source>Выпуск: с даты вступления в силу обучающийся не числится в группе.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/my_group_screen.py" line="86"/>
        <source>Средний балл</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/journal_model.py" line="58"/>
        <location filename="../../ejournal_desktop/ui/my_group_screen.py" line="87"/>
        <source>Оценок</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/diary_screen.py" line="209"/>
        <location filename="../../ejournal_desktop/ui/diary_screen.py" line="225"/>
        <location filename="../../ejournal_desktop/ui/my_group_screen.py" line="88"/>
        <source>Пропущено, ч</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/my_group_screen.py" line="89"/>
        <source>по уважит. причине, ч</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/my_group_screen.py" line="90"/>
        <source>в т. ч. болезнь, ч</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/my_group_screen.py" line="91"/>
        <source>без уважит. причины, ч</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/my_group_screen.py" line="92"/>
        <source>Риск</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/my_group_screen.py" line="96"/>
        <source>Даты</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/my_group_screen.py" line="98"/>
        <location filename="../../ejournal_desktop/ui/student_card.py" line="55"/>
        <source>Документ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/my_group_screen.py" line="99"/>
        <source>Пропусков оправдано</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/my_group_screen.py" line="99"/>
        <source>{0} ({1} ч)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/my_group_screen.py" line="130"/>
        <source>Справка об уважительной причине</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/my_group_screen.py" line="140"/>
        <source>начните вводить фамилию</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/my_group_screen.py" line="145"/>
        <source>С</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/my_group_screen.py" line="146"/>
        <source>По</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/my_group_screen.py" line="151"/>
        <source>справка № 15 от 03.10.2026, заявление, приказ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/diary_screen.py" line="168"/>
        <location filename="../../ejournal_desktop/ui/diary_screen.py" line="308"/>
        <location filename="../../ejournal_desktop/ui/my_group_screen.py" line="159"/>
        <location filename="../../ejournal_desktop/ui/portfolio_screen.py" line="223"/>
        <location filename="../../ejournal_desktop/ui/reports_screen.py" line="98"/>
        <source>Обучающийся:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/my_group_screen.py" line="160"/>
        <source>С (дд.мм.гггг):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/my_group_screen.py" line="161"/>
        <source>По (дд.мм.гггг):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/my_group_screen.py" line="162"/>
        <source>Причина:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/my_group_screen.py" line="163"/>
        <source>Документ:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/my_group_screen.py" line="164"/>
        <source>Пропуски обучающегося без уважительной причины в эти дни станут уважительными.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/my_group_screen.py" line="199"/>
        <source>Выберите обучающегося из списка группы</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/domain_labels.py" line="18"/>
        <location filename="../../ejournal_desktop/ui/my_group_screen.py" line="270"/>
        <source>Моя группа</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/my_group_screen.py" line="281"/>
        <source> ч</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/my_group_screen.py" line="283"/>
        <source>Пропуски без уважительной причины за период, после которых обучающийся в зоне риска</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/my_group_screen.py" line="286"/>
        <source>Обновить (F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/my_group_screen.py" line="294"/>
        <source>Порог пропусков:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/my_group_screen.py" line="320"/>
        <source>Добавить справку…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/my_group_screen.py" line="323"/>
        <location filename="../../ejournal_desktop/ui/my_group_screen.py" line="516"/>
        <source>Удалить справку</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/my_group_screen.py" line="324"/>
        <source>Delete: пропуски снова станут неуважительными</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/my_group_screen.py" line="341"/>
        <source>Справки</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/my_group_screen.py" line="400"/>
        <source>Вы не назначены куратором группы</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/my_group_screen.py" line="440"/>
        <source>обучающихся: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/my_group_screen.py" line="441"/>
        <source>средний балл: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/my_group_screen.py" line="442"/>
        <source>пропущено: {0} ч, из них по уважительной причине {1} ч</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/my_group_screen.py" line="445"/>
        <source>в зоне риска: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/my_group_screen.py" line="448"/>
        <source>выбыли в периоде: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/my_group_screen.py" line="450"/>
        <source>Данные на {0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/my_group_screen.py" line="452"/>
        <source>Обучающиеся в зоне риска выделены цветом; причина — в последнем столбце.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/my_group_screen.py" line="455"/>
        <source>Риск: итоговая или прогнозная «2» / «н/а» по дисциплине (средний балл текущих оценок; пропущено больше половины часов; нет оценок за {0} и более занятий) или пропуски без уважительной причины выше порога.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/my_group_screen.py" line="471"/>
        <source>Не удалось загрузить данные группы</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/my_group_screen.py" line="510"/>
        <source>Справка сохранена: пропусков стало уважительными — {0} ({1} ч)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/my_group_screen.py" line="536"/>
        <source>Удалить справку «{0}» ({1}, {2})?
Оправданные ею пропуски ({3}, {4} ч) снова станут неуважительными.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/my_group_screen.py" line="545"/>
        <source>Удаление справки…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/my_group_screen.py" line="555"/>
        <source>Справка не удалена</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/my_group_screen.py" line="551"/>
        <source>Справка удалена: пропусков снова без уважительной причины — {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/my_group_screen.py" line="579"/>
        <source>Отчёт о посещаемости группы за месяц</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/my_group_screen.py" line="579"/>
        <source>Посещаемость за месяц</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/my_group_screen.py" line="580"/>
        <source>Сводная ведомость учёта посещаемости</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/my_group_screen.py" line="580"/>
        <source>Ведомость посещаемости</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/my_group_screen.py" line="581"/>
        <source>Сводная ведомость учёта успеваемости</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/my_group_screen.py" line="581"/>
        <source>Ведомость успеваемости</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/my_group_screen.py" line="582"/>
        <source>Итоги успеваемости группы за период</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/my_group_screen.py" line="582"/>
        <source>Итоги успеваемости</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/my_group_screen.py" line="583"/>
        <source>Предварительный отчёт классного руководителя</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/my_group_screen.py" line="583"/>
        <source>Предварительный отчёт</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/my_group_screen.py" line="584"/>
        <source>Отчёт классного руководителя за период</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/my_group_screen.py" line="584"/>
        <source>Отчёт куратора</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/my_group_screen.py" line="585"/>
        <source>Информационное письмо для родителей</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/my_group_screen.py" line="585"/>
        <location filename="../../ejournal_desktop/ui/report_launch.py" line="111"/>
        <source>Письма родителям</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/new_year_dialog.py" line="63"/>
        <location filename="../../ejournal_desktop/ui/new_year_dialog.py" line="180"/>
        <location filename="../../ejournal_desktop/ui/new_year_dialog.py" line="206"/>
        <source>Новый учебный год</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/new_year_dialog.py" line="70"/>
        <source>например, 120-к</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/new_year_dialog.py" line="75"/>
        <source>Приказ о выпуске: номер</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/new_year_dialog.py" line="76"/>
        <source>дата приказа</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/new_year_dialog.py" line="77"/>
        <source>вступает в силу</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/new_year_dialog.py" line="80"/>
        <source>Выпускается</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/new_year_dialog.py" line="97"/>
        <source>Начать учебный год</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/new_year_dialog.py" line="108"/>
        <source>&lt;b&gt;Группы&lt;/b&gt; (снимите или поставьте отметку «выпускается», если нужно)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/new_year_dialog.py" line="110"/>
        <source>&lt;b&gt;Что будет сделано&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/new_year_dialog.py" line="160"/>
        <source>выпускается</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/new_year_dialog.py" line="169"/>
        <source>Внимание:
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/new_year_dialog.py" line="171"/>
        <source>Нельзя начать учебный год:
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/new_year_dialog.py" line="193"/>
        <source>Приказ о выпуске: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/new_year_dialog.py" line="197"/>
        <source>Начать учебный год {0}? Это изменит курсы групп и выпустит выпускные группы.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/new_year_dialog.py" line="203"/>
        <source>Новый учебный год: одна транзакция…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/new_year_dialog.py" line="211"/>
        <source>Выполнено: новый учебный год {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/new_year_dialog.py" line="215"/>
        <source>Учебный год начат</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/new_year_dialog.py" line="220"/>
        <source>Ничего не изменено. {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/new_year_dialog.py" line="222"/>
        <source>Ничего не изменено: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/partials/date_field.py" line="27"/>
        <source>дд.мм.гггг</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/partials/date_field.py" line="40"/>
        <source>Выбрать в календаре</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/partials/date_field.py" line="63"/>
        <source>Не заполнено поле «{0}»</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/partials/list_tab.py" line="42"/>
        <source>Поиск: начните вводить…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/partials/list_tab.py" line="71"/>
        <source>Добавить…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/partials/list_tab.py" line="72"/>
        <source>Изменить…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/partials/list_tab.py" line="75"/>
        <source>Экспорт в Excel…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/partials/list_tab.py" line="123"/>
        <source>Выберите строку в таблице</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/partials/list_tab.py" line="136"/>
        <source>Удалить выбранную запись?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/partials/list_tab.py" line="155"/>
        <location filename="../../ejournal_desktop/ui/partials/list_tab.py" line="162"/>
        <source>Экспорт в Excel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/partials/list_tab.py" line="162"/>
        <location filename="../../ejournal_desktop/ui/roster_dialog.py" line="139"/>
        <source>Файл не сохранён: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/partials/progress_task.py" line="72"/>
        <source>Подготовка…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/portfolio_screen.py" line="51"/>
        <source>Запись PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/portfolio_screen.py" line="75"/>
        <source>Новое достижение</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/portfolio_screen.py" line="89"/>
        <source>победитель, призёр, участник…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/portfolio_screen.py" line="90"/>
        <source>файл не выбран</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/portfolio_screen.py" line="91"/>
        <source>Выбрать файл…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/portfolio_screen.py" line="101"/>
        <source>Дата:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/portfolio_screen.py" line="102"/>
        <source>Вид:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/portfolio_screen.py" line="104"/>
        <source>Уровень:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/portfolio_screen.py" line="105"/>
        <source>Результат:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/portfolio_screen.py" line="106"/>
        <source>Файл (скан):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/portfolio_screen.py" line="126"/>
        <source>Скан документа</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/portfolio_screen.py" line="171"/>
        <source>Файл не прочитан: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/portfolio_screen.py" line="201"/>
        <source>Достижение</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/portfolio_screen.py" line="202"/>
        <source>Уровень</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/portfolio_screen.py" line="203"/>
        <source>Результат</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/portfolio_screen.py" line="205"/>
        <source>Подтверждено</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/portfolio_screen.py" line="213"/>
        <source>Добавить… (Ctrl+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/portfolio_screen.py" line="215"/>
        <source>Подтвердить</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/portfolio_screen.py" line="307"/>
        <source>Нет обучающихся, чьё портфолио вам доступно</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/domain_labels.py" line="20"/>
        <location filename="../../ejournal_desktop/ui/portfolio_screen.py" line="470"/>
        <location filename="../../ejournal_desktop/ui/portfolio_screen.py" line="481"/>
        <location filename="../../ejournal_desktop/ui/portfolio_screen.py" line="484"/>
        <source>Портфолио</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/portfolio_screen.py" line="357"/>
        <source>Достижений: {0}, подтверждено: {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/portfolio_screen.py" line="381"/>
        <source>Выберите достижение в таблице</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/portfolio_screen.py" line="412"/>
        <source>Удалить «{0}»?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/portfolio_screen.py" line="447"/>
        <source>Портфолио {0}.pdf</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/portfolio_screen.py" line="477"/>
        <source>Сохранить файл</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/portfolio_screen.py" line="473"/>
        <source>Портфолио в PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/portfolio_screen.py" line="432"/>
        <location filename="../../ejournal_desktop/ui/portfolio_screen.py" line="458"/>
        <location filename="../../ejournal_desktop/ui/report_preview.py" line="420"/>
        <source>Сохранено: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/report_launch.py" line="39"/>
        <location filename="../../ejournal_desktop/ui/reports_screen.py" line="119"/>
        <source>Отправить родителям…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/report_launch.py" line="39"/>
        <location filename="../../ejournal_desktop/ui/reports_screen.py" line="119"/>
        <source>Отправить каждому родителю с известной эл. почтой письмо в PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/report_launch.py" line="60"/>
        <source>Пароль почтового сервера</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/report_launch.py" line="61"/>
        <source>Пароль для {0} на {1} (не сохраняется):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/report_launch.py" line="73"/>
        <source>Отправка почты не настроена: администратор указывает SMTP-сервер в «Настройках».</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/report_launch.py" line="85"/>
        <source>Отправка писем родителям</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/report_launch.py" line="95"/>
        <source>Письма не отправлены: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/report_launch.py" line="99"/>
        <source>Письма не отправлены</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/report_launch.py" line="105"/>
        <source>Не удалось отправить:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/report_launch.py" line="109"/>
        <source>Нет адреса эл. почты родителей (письмо нужно распечатать):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/report_preview.py" line="275"/>
        <source>Отчёт не сформирован</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/report_preview.py" line="280"/>
        <source>Сохранить XLSX…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/report_preview.py" line="281"/>
        <source>Сохранить в Excel (Ctrl+S)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/report_preview.py" line="282"/>
        <source>Сохранить PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/report_preview.py" line="283"/>
        <source>Сохранить в PDF (Ctrl+Shift+S)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/report_preview.py" line="284"/>
        <source>Печать…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/report_preview.py" line="285"/>
        <source>Печать (Ctrl+P)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/report_preview.py" line="348"/>
        <source>Сформирован {0} · листов: {1} · строк: {2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/report_preview.py" line="359"/>
        <source>Формирование отчёта{0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/report_preview.py" line="373"/>
        <source>Не удалось сформировать отчёт</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/report_preview.py" line="394"/>
        <source>Сохранить отчёт в Excel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/report_preview.py" line="404"/>
        <source>Сохранить отчёт в PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/report_preview.py" line="404"/>
        <location filename="../../ejournal_desktop/ui/roster_dialog.py" line="129"/>
        <source>Документ PDF (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/report_preview.py" line="415"/>
        <source>Сохранение {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/report_preview.py" line="427"/>
        <source>Не удалось сохранить {0}: {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/report_preview.py" line="429"/>
        <source>Отчёт не сохранён</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/report_preview.py" line="444"/>
        <source>Печать отчёта</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/report_preview.py" line="451"/>
        <source>Отчёт отправлен на печать</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/domain_labels.py" line="27"/>
        <location filename="../../ejournal_desktop/ui/reports_screen.py" line="70"/>
        <source>Отчёты</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/reports_screen.py" line="97"/>
        <source>Месяцы:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/reports_screen.py" line="99"/>
        <source>Порог, дней:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/reports_screen.py" line="100"/>
        <source>Сформировать</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/reports_screen.py" line="208"/>
        <source>Не удалось загрузить данные</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/roster_dialog.py" line="48"/>
        <source>Список группы на дату</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/roster_dialog.py" line="58"/>
        <source>на дату:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/roster_dialog.py" line="79"/>
        <source>PDF для печати…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/roster_dialog.py" line="120"/>
        <source>{0} {1}: {2} чел.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/roster_dialog.py" line="131"/>
        <source>Сохранить список</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/roster_dialog.py" line="139"/>
        <source>Список на дату</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/student_card.py" line="48"/>
        <source>Дата подписания</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/student_card.py" line="50"/>
        <source>Не заполнено поле «Дата подписания»</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/student_card.py" line="55"/>
        <source>Дата подписания (дд.мм.гггг)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/student_card.py" line="56"/>
        <source>согласие на обработку ПД</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/student_card.py" line="57"/>
        <source>Согласие на обработку ПД: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/student_card.py" line="68"/>
        <source>Карточка обучающегося</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/student_card.py" line="88"/>
        <source>Согласие…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/student_card.py" line="89"/>
        <source>Зарегистрировать подписанное согласие обучающегося</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/student_card.py" line="92"/>
        <location filename="../../ejournal_desktop/ui/student_card.py" line="111"/>
        <source>Согласие на обработку ПД</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/student_card.py" line="100"/>
        <source>&lt;b&gt;Родители (законные представители)&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/student_card.py" line="101"/>
        <source>Согласие родителя…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/student_card.py" line="119"/>
        <source>&lt;b&gt;Движение по приказам&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/student_card.py" line="122"/>
        <source>Приказ о движении: перевод, академический отпуск, отчисление… (Ctrl+M)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/student_card.py" line="129"/>
        <source>Движение</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/student_card.py" line="130"/>
        <source>Из группы</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/student_card.py" line="132"/>
        <source>Приказ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/student_card.py" line="132"/>
        <source>№ {0} от {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/student_card.py" line="211"/>
        <source>Согласие родителя</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/student_card.py" line="211"/>
        <source>Выберите родителя в таблице</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/timetable_dialog.py" line="85"/>
        <source>{0} пара  {1:%H:%M}–{2:%H:%M}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/timetable_dialog.py" line="94"/>
        <source>{0}, {1}-я пара</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/timetable_dialog.py" line="159"/>
        <source>Расписание занятий</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/timetable_dialog.py" line="172"/>
        <source>Создать занятия по расписанию</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/timetable_dialog.py" line="174"/>
        <source>Занятия на каждую пару расписания в выбранном месяце; праздники пропускаются</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/timetable_dialog.py" line="38"/>
        <source>Отметьте пары, в которые идёт дисциплина; изменения сохраняются сразу.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/timetable_dialog.py" line="37"/>
        <location filename="../../ejournal_desktop/ui/timetable_dialog.py" line="254"/>
        <source>Создание занятий…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/timetable_dialog.py" line="188"/>
        <source>Месяц:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/timetable_dialog.py" line="237"/>
        <source>В неделю: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/timetable_dialog.py" line="238"/>
        <source>пары не отмечены</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/save_queue.py" line="323"/>
        <source>Не сохранено: внутренняя ошибка ({0})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/settings_dialog.py" line="50"/>
        <source>обычный (как в системе)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/settings_dialog.py" line="50"/>
        <source>крупнее: {0} %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/settings_dialog.py" line="60"/>
        <source>Размер шрифта во всех окнах программы</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/settings_dialog.py" line="61"/>
        <source>Размер шрифта берётся из настроек системы; здесь его можно увеличить.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/settings_dialog.py" line="64"/>
        <source>&amp;Размер шрифта:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/settings_dialog.py" line="91"/>
        <source>Подключения к базе ЭЖ на этом компьютере</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/settings_dialog.py" line="92"/>
        <source>&amp;Изменить…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/settings_dialog.py" line="93"/>
        <source>&amp;Новое…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/settings_dialog.py" line="94"/>
        <source>&amp;Удалить</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/settings_dialog.py" line="138"/>
        <source>Подключений нет: добавьте новое.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/settings_dialog.py" line="197"/>
        <source>например, ГБПОУ «Заречный аграрный техникум»</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/settings_dialog.py" line="199"/>
        <source>например, И. И. Петров</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/settings_dialog.py" line="201"/>
        <source>например, А. А. Смирнова</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/settings_dialog.py" line="207"/>
        <source>Через сколько дней после последней резервной копии напоминать администратору</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/settings_dialog.py" line="211"/>
        <source>Эти настройки хранятся в базе данных и действуют на всех компьютерах техникума. Название, директор и заместитель печатаются в отчётах и листках с паролями.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/settings_dialog.py" line="222"/>
        <source>&amp;Техникум:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/settings_dialog.py" line="223"/>
        <source>&amp;Директор:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/settings_dialog.py" line="224"/>
        <source>&amp;Заместитель директора по УПР:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/settings_dialog.py" line="225"/>
        <source>Напоминать о &amp;резервной копии через:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/settings_dialog.py" line="259"/>
        <source>Настройки</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/settings_dialog.py" line="266"/>
        <source>&amp;Вид</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/settings_dialog.py" line="267"/>
        <source>&amp;Подключения</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/settings_dialog.py" line="272"/>
        <source>Те&amp;хникум</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/settings_dialog.py" line="274"/>
        <source>По&amp;чта</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/smtp_settings.py" line="59"/>
        <source>пусто — сервер не требует входа</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/smtp_settings.py" line="65"/>
        <source>сохранён на этом компьютере</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/smtp_settings.py" line="66"/>
        <source>Запомнить пароль на этом компьютере (хранилище паролей ОС)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/smtp_settings.py" line="73"/>
        <source>Проверить соединение</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/smtp_settings.py" line="78"/>
        <source>SMTP-сервер:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/smtp_settings.py" line="80"/>
        <source>Шифрование:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/smtp_settings.py" line="84"/>
        <source>Адрес отправителя:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/smtp_settings.py" line="87"/>
        <source>Пароль не записывается ни в базу данных, ни в файлы. Если он не сохранён в хранилище паролей, его спросят при отправке писем.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/smtp_settings.py" line="152"/>
        <source>Настройки сохранены, но пароль сохранить не удалось: он будет запрошен при отправке</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/smtp_settings.py" line="159"/>
        <source>Настройки почты сохранены</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/smtp_settings.py" line="165"/>
        <source>Проверка соединения…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/smtp_settings.py" line="169"/>
        <source>Соединение с почтовым сервером установлено</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/smtp_settings.py" line="183"/>
        <source>Почта для писем родителям</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ejournal_desktop/ui/jobs_dialog.py" line="31"/>
        <source>Сохранение… окно закроется само</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
