# A script run by hand (a __main__ block that starts no server) is tooling: a bad file
# given on its command line stops the script with a traceback, which is what its user sees.
import json
import sys

if __name__ == "__main__":
    with open(sys.argv[1]) as fh:
        print(json.load(fh))
