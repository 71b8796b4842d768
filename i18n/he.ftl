# מחרוזות הממשק של ערכת העיצוב, עברית.
language-name = עברית
skip-to-content = דילוג לתוכן
languages-label = שפות
not-translated = טרם תורגם
nav-label = מדורים
breadcrumbs-label = אתם כאן
pager-label = העמוד הקודם והבא
untranslated-banner = העמוד הזה טרם תורגם. לפניכם הגרסה ב{ $language }.
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
scenario = תרחיש
roles = תפקידים
role = תפקיד
duty = אחריות
facilitator-notes = הערות למנחה
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
