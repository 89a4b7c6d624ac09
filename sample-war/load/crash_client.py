"""The clients of crash-test.sh: cookie-mode refresh chains under load, journalled, and their check after a restart.

  python3 crash_client.py load BASE JOURNAL CLIENTS LIMIT
      signs in CLIENTS devices (cookie mode, demo users), writes JOURNAL.ready, then each client loops POST
      /access-token with Cookie ss-reftok=<its current token> and takes the successor of each answer as its current
      token, until a request fails (the server was killed) or LIMIT seconds have passed. Every successor is appended
      to the journal and fsync'd BEFORE it is used; a request left without an answer is journalled as unanswered.
  python3 crash_client.py verify BASE JOURNAL
      after the restart, and after the reuse grace period: whether each client's last token is redeemable, and
      whether an earlier one is refused (reuse after the grace period, which must revoke the family). Prints a
      summary; exits 1 on a lost successor or a redemption outside the grace rules.

Journal lines: "signin <client> <token>", "successor <client> <token>", "unanswered <client> <token> <error>",
"refused <client> <token> <status> <message>", "noSuccessor <client> <token>".
"""
import os
import sys
import threading
import time

from jwtauth_client import Client

USERS = ["alice", "admin"]


class Journal:
    def __init__(self, path):
        self.file = open(path, "a")
        self.lock = threading.Lock()

    def write(self, *fields):
        with self.lock:
            self.file.write(" ".join(str(f) for f in fields) + "\n")
            self.file.flush()
            os.fsync(self.file.fileno())


def load(base, journal_path, clients, limit):
    journal = Journal(journal_path)
    tokens = [None] * clients

    def sign_in(i):
        tokens[i] = Client(base).sign_in(USERS[i % len(USERS)], cookie_mode=True)
        journal.write("signin", i, tokens[i])

    run_all(sign_in, clients)
    if None in tokens:
        sys.exit("load: a sign-in failed")
    open(journal_path + ".ready", "w").close()
    deadline = time.monotonic() + limit
    rotations = [0] * clients

    def refresh_loop(i):
        client, token = Client(base, timeout=10), tokens[i]
        while time.monotonic() < deadline:
            try:
                status, successor, error = client.refresh_cookie(token)
            except Exception as e:  # the server died with this request in flight, or before it was sent
                journal.write("unanswered", i, token, type(e).__name__)
                return
            if status != 200:
                journal.write("refused", i, token, status, (error or "").replace(" ", "_"))
                return
            if not successor:  # first use of a token that some other request had rotated already
                journal.write("noSuccessor", i, token)
                return
            journal.write("successor", i, successor)  # durable before it is used
            token = successor
            rotations[i] += 1

    started = time.monotonic()
    run_all(refresh_loop, clients)
    elapsed = time.monotonic() - started
    print(f"load: {clients} clients, {sum(rotations)} rotations in {elapsed:.1f} s ({sum(rotations) / elapsed:.0f}/s)")


def run_all(work, count):
    threads = [threading.Thread(target=work, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def read_journal(path):
    """Per client: its chain of tokens (sign-in token first), the token of a request left unanswered, anomalies."""
    chains, unanswered, anomalies = {}, {}, []
    for line in open(path):
        kind, client, token, *rest = line.split()
        if kind in ("signin", "successor"):
            chains.setdefault(client, []).append(token)
        elif kind == "unanswered":
            unanswered[client] = token
        else:
            anomalies.append(f"client {client}: {kind} {' '.join(rest)} during the load")
    return chains, unanswered, anomalies


def verify(base, journal_path):
    chains, unanswered, failures = read_journal(journal_path)
    client = Client(base)
    ok, in_flight_lost, in_flight_not_committed, reuse_refused, successors = 0, [], 0, 0, {}
    for name, chain in sorted(chains.items(), key=lambda item: int(item[0])):
        last = chain[-1]
        was_in_flight = unanswered.get(name) == last
        status, successor, error = client.refresh_cookie(last)
        if status == 200 and successor:
            ok += 1
            in_flight_not_committed += was_in_flight
            successors[name] = successor
        elif was_in_flight and status == 401 and error == "Token has been invalidated":
            # The request in flight at the kill rotated the token and committed, but its answer (the successor) never
            # reached the client: its last token was replaced, and presenting it after the grace period is reuse.
            in_flight_lost.append(f"client {name}: refused after the grace period (family revoked: signs in again)")
        elif was_in_flight and status == 200:
            in_flight_lost.append(f"client {name}: access token without a successor (within the grace period)")
        elif status == 400:
            failures.append(f"client {name}: LOST - its last successor is unknown after the restart ({error})")
        else:
            failures.append(f"client {name}: its last successor was not redeemable: {status} {error}")
    # Reuse, last: presenting the token before the last one (replaced long before the grace period ended) must be
    # refused, and must revoke the family, the successor just issued included.
    for name, successor in successors.items():
        chain = chains[name]
        if len(chain) < 2:
            continue
        status, _, error = client.refresh_cookie(chain[-2])
        if status != 401:
            failures.append(f"client {name}: a replaced token was redeemed again after the grace period: {status}")
            continue
        status, _, error = client.refresh_cookie(successor)
        if status != 401:
            failures.append(f"client {name}: reuse did not revoke the family: its newest token gave {status}")
            continue
        reuse_refused += 1
    tokens = sum(len(chain) for chain in chains.values())
    print(f"verify: {len(chains)} clients, {tokens} tokens journalled ({tokens - len(chains)} successors received)")
    print(f"  last successor redeemable after the restart: {ok} "
          f"(of which {in_flight_not_committed} had a request in flight that did not commit)")
    print(f"  in flight at the kill, rotation committed but its answer lost: {len(in_flight_lost)}")
    for line in in_flight_lost:
        print("    " + line)
    print(f"  replaced token refused after the grace period, family revoked: {reuse_refused}")
    print(f"  failures: {len(failures)}")
    for line in failures:
        print("    " + line)
    return 1 if failures else 0


if __name__ == "__main__":
    command, base, journal = sys.argv[1:4]
    if command == "load":
        load(base, journal, int(sys.argv[4]), float(sys.argv[5]))
    else:
        sys.exit(verify(base, journal))
