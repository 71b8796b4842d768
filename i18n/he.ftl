# מחרוזות הממשק של ערכת העיצוב, עברית.
language-name = עברית
skip-to-content = דילוג לתוכן
languages-label = שפות
not-translated = טרם תורגם
nav-label = מדורים
breadcrumbs-label = אתם כאן
pager-label = העמוד הקודם והבא
untranslated-banner = העמוד הזה טרם תורגם. לפניכם { $code ->
    [en] הגרסה האנגלית
    [pl] הגרסה הפולנית
    [he] הגרסה העברית
   *[other] הגרסה בשפה { $language }
}.
reviewed = נבדק
updated = עודכן
related = עמודים קשורים
severity = חומרה
severity-low = נמוכה
severity-medium = בינונית
severity-high = גבוהה
severity-critical = קריטית
version = גרסה
recurrence-daily = שגרה יומית: מתחילים מחדש בכל יום
recurrence-weekly = שגרה שבועית: מתחילים מחדש בכל שבוע
recurrence-monthly = שגרה חודשית: מתחילים מחדש בכל חודש
recurrence-quarterly = שגרה רבעונית: מתחילים מחדש בכל רבעון
recurrence-yearly = שגרה שנתית: מתחילים מחדש בכל שנה
calendar-add = הוספה ליומן
scenario = תרחיש
roles = תפקידים
role = תפקיד
duty = אחריות
facilitator-pointer = מנחים את התרגיל? ההזרקות, סימני ההצלחה ושאלות התחקיר נמצאים בחוברת המנחה:
injects = הזרקות
at = מתי
inject-say = המנחה אומר
inject-expect = הפעולה המצופה
evaluation = אמות מידה להערכה
debrief = שאלות לתחקיר
kind-pause = נקודת עצירה
kind-decision = נקודת החלטה
items-count = { $count ->
    [one] פריט אחד
    [two] שני פריטים
    [many] { $count } פריטים
   *[other] { $count } פריטים
}
checklist-progress = בוצעו { $done } מתוך { $count ->
    [one] פריט אחד
    [two] שני פריטים
   *[other] { $count } פריטים
}
not-found-title = העמוד לא נמצא
not-found-text = העמוד הזה לא קיים. בחרו שפה כדי לעבור לעמוד הבית של המדריך.
role-il = מנהל/ת האירוע
role-comms = תקשורת ודוברות
role-tech = ראש צוות טכני
role-cs = שירות לקוחות
role-log = לוגיסטיקה ותפעול
role-fin = כספים
role-scribe = רשם/ת
role-mkt = שיווק
page-progress = בעמוד הזה בוצעו { $done } מתוך { $count ->
    [one] פריט אחד
    [two] שני פריטים
   *[other] { $count } פריטים
}
js-note = הערה
js-mark-all = סימון הכול כבוצע
js-reset = איפוס
js-reset-confirm = למחוק את כל הסימונים וההערות ברשימה הזאת?
js-export = ייצוא
js-import = ייבוא
js-import-error = הקובץ הזה אינו מצב שמור של הרשימה הזאת.
js-period-week = שבוע { $week }
js-period-quarter = רבעון { $quarter }
js-history = תקופות קודמות
js-history-entry = בוצעו { $done } מתוך { $count }
js-run-start = התחלת הרצה
js-run-start-confirm = התחלת הרצה מוחקת את הסימונים בעמוד. להמשיך?
js-run-finish = סיום הרצה
js-run-who = מי מריץ את הרשימה?
js-run-elapsed = ההרצה בעיצומה: { $elapsed }
js-run-finished = ההרצה הסתיימה אחרי { $elapsed }
js-run-download-json = הורדת יומן (JSON)
js-run-download-md = הורדת יומן (Markdown)
js-run-log-title = יומן הרצה
js-intro = על העמוד הזה
js-decision-chosen = האפשרות שנבחרה
js-decision-reason = נימוק
js-run-decisions = החלטות
js-run-started = התחלה
js-run-ended = סיום
js-run-ticked = בוצע
js-run-unticked = לא בוצע
run-title = הרצת הרשימה
print-links = קישורים
print-page-of = עמוד { $page } מתוך { $pages }
print-bundle-drills = ערכת התרגילים: חוברות למשתתפים
print-bundle-drills-facilitator = ערכת התרגילים: חוברות למנחה
print-bundle-routines = דפי שגרה
print-bundle-checklists = רשימות תיוג
print-all-title = הדפסת ערכה שלמה
packet-participant = חוברת משתתף
packet-facilitator = חוברת מנחה
packet-sheet = דף להדפסה
print-view = גרסה להדפסה
print-back = חזרה לעמוד באתר
print-hint = הדפיסו את העמוד ({"\u2066"}Ctrl+P{"\u2069"} או {"\u2066"}⌘P{"\u2069"}): {"\u2066"}A4{"\u2069"} או {"\u2066"}US Letter{"\u2069"}.
print-web = הגרסה באתר
print-name = שם
print-phone = טלפון
print-done = בוצע
print-step = שלב
print-target = יעד זמן
print-time = שעה
print-initials = ראשי תיבות
print-notes = הערות
print-sign-off = אישור וחתימה
print-signature = חתימה
print-date = תאריך
print-period-daily = תאריך
print-period-weekly = שבוע
print-period-monthly = חודש
print-period-quarterly = רבעון
print-period-yearly = שנה
print-contents = תוכן העניינים
print-observed = נצפה
print-met = הושג
print-comment = הערה
search-label = חיפוש במדריך
search-placeholder = חיפוש (הקישו /)
search-none = אף עמוד לא מתאים.
home-what-is-happening = מה קורה עכשיו?
callout-note = לתשומת לב
callout-tip = עצה
callout-important = חשוב
callout-warning = אזהרה
callout-caution = זהירות
checklist-when = מתחילים כאשר:
checklist-mode-read-do = קוראים ועושים: קוראים כל שלב ואז מבצעים אותו.
checklist-mode-do-confirm = עושים ומוודאים: מבצעים מהזיכרון, ואז בודקים כאן ששום שלב לא נשמט.
level-criteria = מה קובע את הרמה
level-examples = לדוגמה
level-page = את מי מזעיקים
level-meet = הצוות נפגש
level-update = הלקוחות מקבלים עדכון
level-approve = מי מאשר את מה שאומרים החוצה
level-declare = מי רשאי להכריז

# מילים ש־`keel check` מחפש ברשימות התיוג (מופרדות בפסיקים): רשימה שמוצגת באחת מהראשונות, או
# שפריטיה פותחים באחת מהשניות, היא כנראה בחירה בין חלופות ולא צעדים לביצוע בזה אחר זה.
lint-choice-words = בחרו, בחרו אחת, בחרו אחד, אחת מהאפשרויות, אחת מהחלופות, אפשרויות, חלופות
lint-alternative-starts = או, לחלופין, במקום

# תבניות הודעה וטפסי עבודה
print-bundle-forms = טפסים, דפי הודעות וכרטיס רמות החומרה
channel-banner = באנר באתר
channel-email = דוא״ל
channel-sms = מסרון (SMS)
channel-social = פוסט ברשתות החברתיות
channel-phone = תסריט לשיחת טלפון
channel-status = דף סטטוס
channel-staff = הודעה לצוות
message-fill = מלאו את השדות
message-subject = נושא:
message-copy = העתקת הטקסט
form-add-row = הוספת שורה
form-clear = ניקוי הטופס
form-download-json = הורדה (JSON)
form-download-md = הורדה (Markdown)
inject-cards = כרטיסי הזרקה
inject-card = הזרקה { $n }
inject-card-cut = גזרו לאורך הקווים המקווקווים ומסרו כל כרטיס בזמן שלו.
js-copied = הועתק.
js-copy-failed = ההעתקה נכשלה: סמנו את הטקסט והעתיקו אותו ידנית.
js-sms-length = { $count } תווים
js-form-clear-confirm = למחוק את כל מה שהוקלד בטופס הזה?
js-form-saved = נשמר במכשיר הזה.
js-run-forms = טפסים שמולאו במהלך התרגיל
js-subject = נושא:
