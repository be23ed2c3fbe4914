"""An invented affair told over two months, for the arc tests: the fraud trial of a
bank founder opens on 2024-03-04 and ends in a verdict on 2024-05-03, each told
by two outlets, so two stories of one arc; a council vote between them is an
affair of its own."""

from __future__ import annotations

from pathlib import Path

OPENING = "Fraud trial of Kestrel Bank founder Marta Velez opens in Orlin"
VERDICT = "Kestrel Bank founder Marta Velez found guilty of fraud in Orlin"
TRAM = "Tessaly council approves new tram line"

ARTICLES = {
    "1-opening.txt": f"""{OPENING}
Orlin Herald
March 4, 2024

The fraud trial of Marta Velez, the founder of Kestrel Bank, opened on Monday at the Orlin district court.
Prosecutors accuse Velez of hiding 40 million dollars of losses from Kestrel Bank depositors.
Velez denies all charges, her lawyer Tomas Grell told the court in his opening statement.
Judge Ilse Marrow said the Kestrel Bank trial would hear more than 30 witnesses.
""",
    "2-opening.txt": """Kestrel Bank founder Velez goes on trial for fraud
Valley Courier
March 4, 2024

Marta Velez, who founded Kestrel Bank, went on trial for fraud in Orlin on Monday.
Prosecutors told the Orlin district court that Velez hid 40 million dollars of losses from depositors.
Her lawyer, Tomas Grell, said Velez would fight every charge in the Kestrel Bank case.
""",
    "3-verdict.txt": f"""{VERDICT}
Orlin Herald
May 3, 2024

A jury at the Orlin district court found Marta Velez, the founder of Kestrel Bank, guilty of fraud on Friday.
The jury decided that Velez hid 40 million dollars of losses from Kestrel Bank depositors.
Judge Ilse Marrow set sentencing for June, and lawyer Tomas Grell said Velez would appeal.
""",
    "4-verdict.txt": """Velez convicted in Kestrel Bank fraud trial
Valley Courier
May 3, 2024

Kestrel Bank founder Marta Velez was convicted of fraud by an Orlin jury on Friday after a two-month trial.
Jurors found that Velez hid 40 million dollars of losses from the bank's depositors.
Her lawyer Tomas Grell told reporters outside the Orlin district court that Velez would appeal.
""",
    "5-tram.txt": f"""{TRAM}
Morning Ledger
April 11, 2024

The Tessaly city council voted 31 to 12 on Thursday to build a tram line to the university.
Mayor Jonas Brill said construction of the 9-kilometre line would begin next spring.
""",
}


def write_affair(folder: Path, names: list[str] | None = None) -> Path:
    """The articles (all, or those `names`) as .txt files in `folder`; the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in names or sorted(ARTICLES):
        (folder / name).write_text(ARTICLES[name], encoding="utf-8")
    return folder
