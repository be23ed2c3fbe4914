The Marrow River flooded the town of Elmstead after three days of rain.
Some 400 people spent two nights in school shelters.
Mayor Ilse Korva said the clean-up would take weeks.
