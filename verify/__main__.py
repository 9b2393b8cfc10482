import sys

from .setup import prepare


def main():
    env = prepare()
    from . import backup, load, reminders

    only = sys.argv[1:]
    proofs = {"reminders": reminders.run, "load": load.run, "backup": backup.run}
    failed = [name for name, run in proofs.items() if (not only or name in only) and not run(env)]
    if failed:
        sys.exit(f"verify: failed: {', '.join(failed)}")
    print("verify: every proof holds")


main()
