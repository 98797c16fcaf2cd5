import os
import unittest

from export import export_target


class ExportTest(unittest.TestCase):
    def test_target(self):
        os.environ["EXPORT_TEST_ACCOUNT"]
        self.assertIsNone(export_target())
