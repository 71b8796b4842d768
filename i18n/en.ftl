# Interface strings of the default theme, English.
language-name = English
skip-to-content = Skip to content
languages-label = Languages
not-translated = not translated yet
nav-label = Sections
breadcrumbs-label = You are here
pager-label = Previous and next page
untranslated-banner = This page is not translated yet. You are reading the { $code ->
    [en] English
    [he] Hebrew
    [pl] Polish
   *[other] { $language }
} version.
reviewed = Reviewed
updated = Updated
related = Related pages
severity = Severity
severity-low = Low
severity-medium = Medium
severity-high = High
severity-critical = Critical
version = Version
recurrence-daily = Daily routine: starts fresh every day
recurrence-weekly = Weekly routine: starts fresh every week
recurrence-monthly = Monthly routine: starts fresh every month
recurrence-quarterly = Quarterly routine: starts fresh every three months
recurrence-yearly = Yearly routine: starts fresh every year
calendar-add = Add to calendar
scenario = Scenario
roles = Roles
role = Role
duty = Responsibility
facilitator-pointer = Facilitating this drill? The injects, what a good run shows and the debrief questions are in its facilitator packet:
injects = Injects
at = When
inject-say = The facilitator says
inject-expect = Expected action
evaluation = Evaluation criteria
debrief = Debrief questions
kind-pause = Pause point
kind-decision = Decision point
items-count = { $count ->
    [one] { $count } item
   *[other] { $count } items
}
checklist-progress = { $done } of { $count ->
    [one] { $count } item
   *[other] { $count } items
} done
not-found-title = Page not found
not-found-text = This page does not exist. Choose a language to go to the playbook's home page.
role-il = Incident lead
role-comms = Communications
role-tech = Tech lead
role-cs = Customer service
role-log = Logistics
role-fin = Finance
role-scribe = Scribe
role-mkt = Marketing
page-progress = On this page: { $done } of { $count ->
    [one] { $count } item
   *[other] { $count } items
} done
js-note = Note
js-mark-all = Mark all done
js-reset = Reset
js-reset-confirm = Clear every tick and note in this checklist?
js-export = Export
js-import = Import
js-import-error = This file is not a saved state of this checklist.
js-period-week = week { $week }
js-period-quarter = quarter { $quarter }
js-history = Earlier periods
js-history-entry = { $done } of { $count } done
js-run-start = Start run
js-run-start-confirm = Starting a run clears the ticks on this page. Go on?
js-run-finish = Finish run
js-run-who = Who is running this?
js-run-elapsed = Run in progress: { $elapsed }
js-run-finished = Run finished after { $elapsed }
js-run-download-json = Download log (JSON)
js-run-download-md = Download log (Markdown)
js-run-log-title = Run log
js-intro = About this page
js-decision-chosen = Chosen option
js-decision-reason = Reason
js-run-decisions = Decisions
js-run-started = Started
js-run-ended = Ended
js-run-ticked = Done
js-run-unticked = Not done
run-title = Run this checklist
print-links = Links
print-page-of = Page { $page } of { $pages }
print-bundle-drills = Drill kit: participant packets
print-bundle-drills-facilitator = Drill kit: facilitator packets
print-bundle-routines = Routine sheets
print-bundle-checklists = Checklists
print-all-title = Print a whole set
packet-participant = Participant packet
packet-facilitator = Facilitator packet
packet-sheet = Printable sheet
print-view = Print view
print-back = Back to the web page
print-hint = Print this page (Ctrl+P or ⌘P): A4 or US Letter.
print-web = Web version
print-name = Name
print-phone = Phone
print-done = Done
print-step = Step
print-target = Target
print-time = Time
print-initials = Initials
print-notes = Notes
print-sign-off = Sign-off
print-signature = Signature
print-date = Date
print-period-daily = Date
print-period-weekly = Week
print-period-monthly = Month
print-period-quarterly = Quarter
print-period-yearly = Year
print-contents = Contents
print-observed = Seen
print-met = Met
print-comment = Comment
search-label = Search this playbook
search-placeholder = Search (press /)
search-none = No page matches.
home-what-is-happening = What is happening?
callout-note = Note
callout-tip = Tip
callout-important = Important
callout-warning = Warning
callout-caution = Caution
checklist-when = Start when:
checklist-mode-read-do = Read–do: read each step, then do it.
checklist-mode-do-confirm = Do–confirm: do the steps from memory, then check here that none was missed.
level-criteria = What makes it this level
level-examples = For example
level-page = Who is called
level-meet = The team meets
level-update = Customers hear from us
level-approve = Who approves what we say
level-declare = Who may declare it

# Words `keel check` looks for in this language's checklists (comma-separated, lower case): a
# list introduced with one of the first, or whose items start with one of the second, is likely
# a choice between alternatives rather than steps to do one after another.
lint-choice-words = choose, choose one, pick one, one of the following, one of these, either, options, alternatives
lint-alternative-starts = or, alternatively, instead, otherwise

# Message templates and working forms
print-bundle-forms = Forms, message sheets and the severity card
channel-banner = Site banner
channel-email = E-mail
channel-sms = Text message (SMS)
channel-social = Social media post
channel-phone = Phone script
channel-status = Status page
channel-staff = Staff note
message-fill = Fill in the blanks
message-subject = Subject:
message-copy = Copy the text
form-add-row = Add a row
form-clear = Clear the form
form-download-json = Download (JSON)
form-download-md = Download (Markdown)
inject-cards = Inject cards
inject-card = Inject { $n }
inject-card-cut = Cut along the dashed lines; hand each card over at its time.
js-copied = Copied.
js-copy-failed = Could not copy: select the text and copy it by hand.
js-sms-length = { $count } characters
js-form-clear-confirm = Clear everything typed into this form?
js-form-saved = Saved on this device.
js-run-forms = Forms filled in during the run
js-subject = Subject:
