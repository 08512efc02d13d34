"""The headless Chromium both browser flows drive (CHROME_BIN and CHROMEDRIVER override the paths)."""
import os
import unittest

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service


def browser():
    options = Options()
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000", "--lang=zh-CN"):
        options.add_argument(arg)
    binary = os.environ.get("CHROME_BIN")
    if binary:
        options.binary_location = binary
    service = Service(executable_path=os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
    return webdriver.Chrome(service=service, options=options)


class BrowserFlow(unittest.TestCase):
    """One browser for a flow's tests; screenshots named `SHOT_PREFIX + name` in WEB_SCREENSHOTS."""

    SHOT_PREFIX = ""

    @classmethod
    def setUpClass(cls):
        cls.shots = os.environ.get("WEB_SCREENSHOTS", ".build/screenshots")
        os.makedirs(cls.shots, exist_ok=True)
        cls.driver = browser()
        cls.driver.implicitly_wait(5)

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()

    def shot(self, name):
        self.driver.save_screenshot(os.path.join(self.shots, self.SHOT_PREFIX + name + ".png"))
