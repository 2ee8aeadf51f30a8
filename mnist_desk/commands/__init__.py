"""The command-line subcommands: one module per command, over the core.

A command module has two functions, and nothing at module level that needs torch:

* ``register(commands)`` adds the command's sub-parser to ``commands`` (the
  ``add_subparsers()`` action of :func:`mnist_desk.cli.build_parser`), with its
  options and ``set_defaults(run=run)``;
* ``run(args)`` does the work (importing torch and the heavy core modules there)
  and returns the exit status (:mod:`.common`'s ``EXIT_*``).

``run`` raises :class:`~mnist_desk.core.errors.MnistDeskError` for what the user
can fix; :func:`mnist_desk.cli.main` alone turns an error, or Ctrl+C, into one
line and an exit status. :mod:`.common` holds what commands share (exit
statuses, option types, ``--weights``, ``--data-dir``). A new command is a new
module here and one entry in :data:`mnist_desk.cli.COMMAND_MODULES`.
"""
