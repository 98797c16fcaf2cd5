# Another module that came with the bundled packages: the whole folder is vendored.
import ssl

UNVERIFIED = ssl._create_unverified_context
