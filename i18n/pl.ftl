# Teksty interfejsu domyślnego motywu, polski.
language-name = Polski
skip-to-content = Przejdź do treści
languages-label = Języki
not-translated = jeszcze nieprzetłumaczone
nav-label = Działy
breadcrumbs-label = Jesteś tutaj
pager-label = Poprzednia i następna strona
untranslated-banner = Ta strona nie jest jeszcze przetłumaczona. Czytasz wersję: { $language }.
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
scenario = Scenariusz
roles = Role
role = Rola
duty = Odpowiedzialność
facilitator-notes = Notatki prowadzącego
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
