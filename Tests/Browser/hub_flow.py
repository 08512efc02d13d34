"""The province dashboard of `hub serve` in a real browser (headless Chromium through selenium).

Run by Scripts/browser-test.sh against a real hub on a throwaway PostgreSQL cluster: a province
officer is sent to the login page, logs in, sees HPV coverage and the screening rates (pages in
words, her area the province), logs out and is asked to log in again. Screenshots go to
.build/screenshots/ (hub-*.png).
"""
import os
import unittest

from chromium import BrowserFlow
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

BASE = os.environ["HUB_BASE"]
PASSWORD = os.environ["HUB_PASSWORD"]


class HubFlow(BrowserFlow):
    SHOT_PREFIX = "hub-"

    def test_officer_sees_the_province(self):
        d = self.driver
        d.get(BASE + "/")
        WebDriverWait(d, 10).until(lambda driver: driver.current_url.endswith("/login"))
        self.assertIn("省级平台登录", d.page_source)
        self.shot("01-login")
        d.find_element(By.NAME, "username").send_keys("jiangxi.wjw")
        d.find_element(By.NAME, "password").send_keys(PASSWORD)
        d.find_element(By.CSS_SELECTOR, "form[action='/login'] button").click()
        # The click returns before the POST's redirect lands.
        WebDriverWait(d, 10).until(lambda driver: driver.current_url.endswith("/coverage"))
        self.assertIn("各县区全程接种率", d.page_source)
        self.assertIn("南昌市", d.page_source)  # codes are shown in words
        self.shot("02-coverage")

        d.get(BASE + "/screening")
        self.assertNotIn("/login", d.current_url)
        self.assertTrue(d.find_element(By.TAG_NAME, "h1").text.strip())
        self.shot("03-screening")

        d.find_element(By.CSS_SELECTOR, "form[action='/logout'] button").click()
        WebDriverWait(d, 10).until(lambda driver: driver.current_url.endswith("/login"))
        d.get(BASE + "/coverage")
        self.assertIn("/login", d.current_url, "the session ended with the logout")


if __name__ == "__main__":
    unittest.main()
