"""Follow mode below the screens: the one query each poll asks (:mod:`.query`), what the
polls add up to (:mod:`.feed`), when to ask next (:mod:`.pacing`) and how to tell the terminal
(:mod:`.notify`). No Textual, and no clock of its own: each takes the time it is given."""
