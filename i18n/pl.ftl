# Teksty interfejsu domyślnego motywu, polski.
language-name = Polski
skip-to-content = Przejdź do treści
languages-label = Języki
not-translated = jeszcze nieprzetłumaczone
nav-label = Działy
breadcrumbs-label = Jesteś tutaj
pager-label = Poprzednia i następna strona
untranslated-banner = Ta strona nie jest jeszcze przetłumaczona. Czytasz wersję { $code ->
    [en] angielską
    [he] hebrajską
    [pl] polską
   *[other] w języku { $language }
}.
reviewed = Sprawdzono
updated = Zaktualizowano
related = Powiązane strony
severity = Waga
severity-low = Niska
severity-medium = Średnia
severity-high = Wysoka
severity-critical = Krytyczna
version = Wersja
recurrence-daily = Rutyna dzienna: każdego dnia zaczynasz od nowa
recurrence-weekly = Rutyna tygodniowa: co tydzień zaczynasz od nowa
recurrence-monthly = Rutyna miesięczna: co miesiąc zaczynasz od nowa
recurrence-quarterly = Rutyna kwartalna: co kwartał zaczynasz od nowa
recurrence-yearly = Rutyna roczna: co roku zaczynasz od nowa
calendar-add = Dodaj do kalendarza
scenario = Scenariusz
roles = Role
role = Rola
duty = Odpowiedzialność
facilitator-pointer = Prowadzisz to ćwiczenie? Wrzutki, kryteria udanego przebiegu i pytania do omówienia są w materiałach dla prowadzącego:
injects = Wrzutki scenariusza
at = Kiedy
inject-say = Prowadzący mówi
inject-expect = Oczekiwane działanie
evaluation = Kryteria oceny
debrief = Pytania do omówienia
kind-pause = Punkt zatrzymania
kind-decision = Punkt decyzji
items-count = { $count ->
    [one] { $count } pozycja
    [few] { $count } pozycje
    [many] { $count } pozycji
   *[other] { $count } pozycji
}
checklist-progress = Zrobione: { $done } z { $count ->
    [one] { $count } pozycji
   *[other] { $count } pozycji
}
not-found-title = Nie znaleziono strony
not-found-text = Ta strona nie istnieje. Wybierz język, aby przejść do strony głównej podręcznika.
role-il = Kierownik kryzysowy
role-comms = Komunikacja
role-tech = Lider techniczny
role-cs = Obsługa klienta
role-log = Logistyka
role-fin = Finanse
role-scribe = Protokolant
role-mkt = Marketing
page-progress = Na tej stronie zrobiono { $done } z { $count ->
    [one] { $count } pozycji
   *[other] { $count } pozycji
}
js-note = Notatka
js-mark-all = Oznacz wszystko
js-reset = Wyczyść
js-reset-confirm = Usunąć wszystkie zaznaczenia i notatki z tej listy?
js-export = Eksportuj
js-import = Importuj
js-import-error = Ten plik nie zawiera zapisanego stanu tej listy.
js-period-week = tydzień { $week }
js-period-quarter = kwartał { $quarter }
js-history = Poprzednie okresy
js-history-entry = zrobiono { $done } z { $count }
js-run-start = Rozpocznij przebieg
js-run-start-confirm = Rozpoczęcie przebiegu usuwa zaznaczenia na tej stronie. Kontynuować?
js-run-finish = Zakończ przebieg
js-run-who = Kto prowadzi przebieg?
js-run-elapsed = Przebieg trwa: { $elapsed }
js-run-finished = Przebieg zakończony po { $elapsed }
js-run-download-json = Pobierz dziennik (JSON)
js-run-download-md = Pobierz dziennik (Markdown)
js-run-log-title = Dziennik przebiegu
js-intro = O tej stronie
js-decision-chosen = Wybrana opcja
js-decision-reason = Uzasadnienie
js-run-decisions = Decyzje
js-run-started = Początek
js-run-ended = Koniec
js-run-ticked = Zrobione
js-run-unticked = Niezrobione
run-title = Przebieg tej listy
print-links = Odnośniki
print-page-of = Strona { $page } z { $pages }
print-bundle-drills = Zestaw ćwiczeń: materiały dla uczestników
print-bundle-drills-facilitator = Zestaw ćwiczeń: materiały dla prowadzącego
print-bundle-routines = Arkusze rutyn
print-bundle-checklists = Listy kontrolne
print-all-title = Wydrukuj cały zestaw
packet-participant = Materiały dla uczestników
packet-facilitator = Materiały dla prowadzącego
packet-sheet = Arkusz do druku
print-view = Wersja do druku
print-back = Wróć do wersji internetowej
print-hint = Wydrukuj tę stronę (Ctrl+P lub ⌘P): A4 albo US Letter.
print-web = Wersja internetowa
print-name = Imię i nazwisko
print-phone = Telefon
print-done = Zrobione
print-step = Krok
print-target = Cel czasowy
print-time = Godzina
print-initials = Parafa
print-notes = Notatki
print-sign-off = Zatwierdzenie
print-signature = Podpis
print-date = Data
print-period-daily = Data
print-period-weekly = Tydzień
print-period-monthly = Miesiąc
print-period-quarterly = Kwartał
print-period-yearly = Rok
print-contents = Spis treści
print-observed = Zaobserwowano
print-met = Spełnione
print-comment = Uwagi
search-label = Szukaj w podręczniku
search-placeholder = Szukaj (naciśnij /)
search-none = Żadna strona nie pasuje.
home-what-is-happening = Co się dzieje?
callout-note = Uwaga
callout-tip = Wskazówka
callout-important = Ważne
callout-warning = Ostrzeżenie
callout-caution = Ostrożnie
checklist-when = Zacznij, gdy:
checklist-mode-read-do = Czytaj i wykonuj: przeczytaj krok, potem go wykonaj.
checklist-mode-do-confirm = Wykonaj i sprawdź: wykonaj kroki z pamięci, potem sprawdź tutaj, czy żadnego nie pominięto.
level-criteria = Co decyduje o poziomie
level-examples = Na przykład
level-page = Kogo wzywamy
level-meet = Zespół spotyka się
level-update = Klienci dostają informację
level-approve = Kto zatwierdza komunikaty
level-declare = Kto może ogłosić

# Słowa, których `keel check` szuka w listach kontrolnych (po przecinku, małymi literami): lista
# poprzedzona jednym z pierwszych albo z punktami zaczynającymi się od drugich to raczej wybór
# jednej z możliwości niż kroki do wykonania po kolei.
lint-choice-words = wybierz, wybierz jedną, wybierz jeden, jedną z możliwości, jedną z opcji, możliwości, opcje, warianty
lint-alternative-starts = lub, albo, ewentualnie, zamiast, alternatywnie

# Szablony komunikatów i formularze robocze
print-bundle-forms = Formularze, arkusze komunikatów i karta poziomów
channel-banner = Baner w sklepie
channel-email = E-mail
channel-sms = SMS
channel-social = Post w mediach społecznościowych
channel-phone = Scenariusz rozmowy telefonicznej
channel-status = Strona statusu
channel-staff = Informacja dla zespołu
message-fill = Uzupełnij pola
message-subject = Temat:
message-copy = Kopiuj tekst
form-add-row = Dodaj wiersz
form-clear = Wyczyść formularz
form-download-json = Pobierz (JSON)
form-download-md = Pobierz (Markdown)
inject-cards = Karty wrzutek
inject-card = Wrzutka { $n }
inject-card-cut = Wytnij wzdłuż przerywanych linii; każdą kartę wręcz o jej godzinie.
js-copied = Skopiowano.
js-copy-failed = Nie udało się skopiować: zaznacz tekst i skopiuj go ręcznie.
js-sms-length = Znaki: { $count }
js-form-clear-confirm = Usunąć wszystko, co wpisano w ten formularz?
js-form-saved = Zapisano na tym urządzeniu.
js-run-forms = Formularze wypełnione w trakcie przebiegu
js-subject = Temat:
