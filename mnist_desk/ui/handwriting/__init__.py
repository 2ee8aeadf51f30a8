"""My handwriting in the window: the Draw tab's collecting row, the My handwriting tab, the active set."""
