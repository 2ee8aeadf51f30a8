"""Build your own CNN: the architecture editor of the Train tab (:class:`.editor.ArchitectureEditor`)."""
