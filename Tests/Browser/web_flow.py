"""The clinic web app in a real browser (headless Chromium through selenium).

Run by Scripts/browser-test.sh against a real `screenvax serve` with a temporary database:
log in, see the due list, record a dose, see the girl move off the list, upload a roster with
bad rows and see them, a vaccinator of another county failing to open the girl (404), log out;
a screening user registers a pregnancy and sees her on the screening due list; the screening report;
a follow-up worker recording a call's outcome with a button, the HPV list, AEFI list and assist cards;
a vaccinator registering a girl no roster lists, an officer setting the county's campaign dates.
Screenshots of the main pages go to .build/screenshots/.
"""
import os
import sys
import unittest

from chromium import BrowserFlow
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

BASE = os.environ["WEB_BASE"]
PASSWORD = os.environ["WEB_PASSWORD"]
BAD_ROSTER = os.environ["WEB_BAD_ROSTER"]


class WebFlow(BrowserFlow):

    def login(self, username):
        d = self.driver
        d.delete_all_cookies()
        d.get(BASE + "/")
        self.assertTrue(d.current_url.endswith("/login"), d.current_url)
        d.find_element(By.ID, "username").send_keys(username)
        d.find_element(By.ID, "password").send_keys(PASSWORD)
        d.find_element(By.ID, "login").click()
        # The click returns before the POST's redirect lands; a page asked for before then would be
        # asked for without the session cookie and land on the login page again.
        WebDriverWait(d, 10).until(lambda driver: not driver.current_url.endswith("/login"))

    def due_names(self):
        return [a.text for a in self.driver.find_elements(By.CSS_SELECTOR, "#due-list tbody tr td:first-child a")]

    def test_1_vaccinator_day(self):
        d = self.driver
        d.get(BASE + "/")
        self.assertIn("/login", d.current_url)
        self.shot("01-login")
        self.login("liu")
        self.assertIn("/work", d.current_url)
        names = self.due_names()
        self.assertIn("王小红", names)
        self.assertNotIn("李梅", names)  # another county's girl
        self.shot("02-work-list")

        # Open her page, then record dose 1 from the list with the row's one-click form.
        d.find_element(By.LINK_TEXT, "王小红").click()
        self.assertIn("接种记录", d.page_source)
        self.shot("03-girl")
        type(self).girl_url = d.current_url
        d.back()
        row = d.find_element(By.XPATH, "//tr[td/a[text()='王小红']]")
        row.find_element(By.NAME, "lot").send_keys("C2024041")
        row.find_element(By.NAME, "expiry").send_keys("2026-06")
        row.find_element(By.CSS_SELECTOR, "form.dose button").click()
        self.assertIn("已记录", d.find_element(By.CSS_SELECTOR, ".flash").text)
        self.assertNotIn("王小红", self.due_names())
        # The lot just used is prefilled on the next line's form.
        lots = [e.get_attribute("value") for e in d.find_elements(By.NAME, "lot")]
        self.assertTrue(lots and all(v == "C2024041" for v in lots), lots)
        self.shot("04-dose-recorded")

        # A roster with bad rows: the errors are listed row by row, with the CSV to send back.
        d.find_element(By.LINK_TEXT, "名册导入").click()
        d.find_element(By.ID, "roster-file").send_keys(BAD_ROSTER)
        d.find_element(By.ID, "upload").click()
        errors = d.find_elements(By.CSS_SELECTOR, "#roster-errors tbody tr")
        self.assertGreaterEqual(len(errors), 2)
        self.assertIn("身份证号有误", d.find_element(By.ID, "roster-errors").text)
        self.assertIn("地区不在您的辖区内", d.find_element(By.ID, "roster-errors").text)  # 章贡区's row
        # The whole errors file is a download of its own from the server, never a data: URL.
        self.assertIn("/roster/errors/", d.find_element(By.ID, "errors-csv").get_attribute("href"))
        self.shot("05-roster-errors")

        d.find_element(By.ID, "logout").click()
        # As with logging in, the click returns before the redirect lands.
        WebDriverWait(d, 10).until(lambda driver: driver.current_url.endswith("/login"))
        d.get(BASE + "/work")
        self.assertIn("/login", d.current_url)

    def test_2_other_county_gets_404(self):
        d = self.driver
        self.login("gan")
        d.get(type(self).girl_url)
        self.assertIn("找不到", d.page_source)
        self.assertNotIn("王小红", d.page_source)
        self.shot("06-other-county-404")
        d.find_element(By.ID, "logout").click()

    def test_3_officer_reports_and_sync(self):
        d = self.driver
        self.login("zhou")
        d.get(BASE + "/reports")
        self.assertIn("<svg", d.page_source)
        self.shot("07-reports")
        d.get(BASE + "/sync")
        self.assertIn("待上报", d.page_source)
        self.shot("08-sync")
        d.find_element(By.ID, "logout").click()

    def test_4_screening_entry_and_recall_board(self):
        d = self.driver
        self.login("wu")
        self.assertIn("/screening", d.current_url)
        d.get(BASE + "/screening?service=serum")
        form = d.find_element(By.ID, "result-form").text
        self.assertIn("MoM", form)  # units beside the fields
        self.shot("09-screening-entry")
        d.find_element(By.ID, "logout").click()
        self.login("fang")
        d.get(BASE + "/recall")
        self.assertTrue(d.find_element(By.ID, "recall-board").is_displayed())
        self.shot("10-recall-board")
        d.find_element(By.ID, "logout").click()

    def test_5_screening_registration_and_due_list(self):
        d = self.driver
        self.login("wu")
        self.assertIn("/screening/due", d.current_url)
        d.find_element(By.LINK_TEXT, "孕产妇登记").click()
        # A mistyped ID first: the error is shown in Chinese beside the form, the typed name kept.
        woman = os.environ["WEB_WOMAN_ID"]
        wrong = woman[:-1] + ("1" if woman[-1] != "1" else "2")
        d.find_element(By.ID, "p-id").send_keys(wrong)
        d.find_element(By.ID, "p-name").send_keys("王芳")
        d.find_element(By.ID, "p-phone").send_keys("13812345678")
        d.find_element(By.ID, "p-lmp").send_keys("2024-01-10")
        d.find_element(By.ID, "p-register").click()
        self.assertIn("校验位", d.find_element(By.ID, "form-error").text)
        self.assertEqual(d.find_element(By.ID, "p-name").get_attribute("value"), "王芳")
        self.shot("11-pregnancy-form-error")
        field = d.find_element(By.ID, "p-id")
        field.clear()
        field.send_keys(woman)
        d.find_element(By.ID, "p-register").click()
        self.assertIn("已登记", d.find_element(By.CSS_SELECTOR, ".flash").text)
        self.assertIn("2024-10-16", d.find_element(By.ID, "pregnancy").text)  # EDD from the LMP
        self.shot("12-pregnancy")

        # She is on the screening due list, first (her thalassaemia and NT windows close tomorrow), with
        # a link to enter each result.
        d.find_element(By.LINK_TEXT, "筛查待办").click()
        rows = d.find_elements(By.CSS_SELECTOR, "#screening-due tbody tr")
        self.assertIn("王芳", rows[0].text)
        self.assertIn("窗口即将关闭", rows[0].text)
        self.assertNotIn("13812345678", d.page_source)
        self.shot("13-screening-due")
        nt = d.find_element(By.XPATH, "//table[@id='screening-due']//tr[contains(., 'NT')]")
        nt.find_element(By.LINK_TEXT, "录入结果").click()
        self.assertIn("/screening?service=nt", d.current_url)
        subject = d.find_element(By.NAME, "subject").get_attribute("value")
        self.assertEqual(len(subject), 36)
        d.get(BASE + "/screening/newborns?pregnancy=" + subject)
        self.assertIn("王芳", d.page_source)
        self.shot("14-newborn-form")
        d.find_element(By.ID, "logout").click()

        self.login("zhou")
        d.get(BASE + "/reports/screening?from=2024-01-01")
        self.assertIn("<svg", d.find_element(By.ID, "screening-chart").get_attribute("innerHTML"))
        self.assertIn("东湖区", d.find_element(By.ID, "screening-report").text)
        self.shot("15-screening-report")
        d.find_element(By.ID, "logout").click()

    def call_names(self, table):
        return [td.text for td in self.driver.find_elements(By.CSS_SELECTOR, "#%s tbody tr[data-call] td:nth-child(%d)"
                                                           % (table, 3 if table == "call-list" else 2))]

    def test_6_followup_call_list_and_hpv_lists(self):
        d = self.driver
        self.login("fang")
        d.find_element(By.LINK_TEXT, "呼叫清单").click()
        self.assertIn("王伟", self.call_names("call-list"))
        self.assertNotIn("李强", d.page_source)  # 章贡区's call
        self.assertNotIn("13812345678", d.page_source)  # masked until asked for
        self.shot("16-call-list")

        # One button records the outcome; the call leaves the open list for the handled one.
        row = d.find_element(By.XPATH, "//table[@id='call-list']//tr[td[normalize-space()='王伟']]")
        self.assertEqual(len(row.find_elements(By.CSS_SELECTOR, "button[name='outcome']")), 9)
        row.find_element(By.CSS_SELECTOR, "button[value='reached']").click()
        self.assertIn("已接通", d.find_element(By.CSS_SELECTOR, ".flash").text)
        self.assertNotIn("王伟", self.call_names("call-list"))
        self.assertIn("王伟", self.call_names("calls-closed"))
        self.shot("17-call-recorded")

        # The full number of one call, on request.
        row = d.find_element(By.XPATH, "//table[@id='call-list']//tr[td[normalize-space()='陈刚']]")
        row.find_element(By.CSS_SELECTOR, "button.reveal").click()
        self.assertIn("13912345678", d.find_element(By.CSS_SELECTOR, ".phone-full").text)
        d.get(BASE + "/calls/escalated")
        self.assertTrue(d.find_element(By.ID, "escalated").is_displayed())
        self.shot("18-escalated")

        d.find_element(By.LINK_TEXT, "HPV名单").click()
        self.assertIn("陈静", d.find_element(By.ID, "girls").text)
        self.assertNotIn("李梅", d.page_source)
        self.shot("19-hpv-list")
        d.find_element(By.LINK_TEXT, "陈静").click()
        self.assertTrue(d.find_element(By.CSS_SELECTOR, "#assist-cards .assist").is_displayed())
        self.shot("20-girl-assist-cards")
        d.find_element(By.LINK_TEXT, "AEFI列表").click()
        self.assertTrue(d.find_element(By.ID, "aefi-lots").is_displayed())
        self.shot("21-aefi")
        d.find_element(By.ID, "logout").click()

    @staticmethod
    def resident_id(first17):
        weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        return first17 + "10X98765432"[sum(int(c) * w for c, w in zip(first17, weights)) % 11]

    def test_7_hpv_field_work(self):
        d = self.driver
        self.login("liu")
        d.find_element(By.LINK_TEXT, "门诊登记").click()
        form = d.find_element(By.ID, "register-form")
        for name, value in [("id", self.resident_id("36010220110301006")), ("name", "赵小燕"), ("guardian_name", "赵军"),
                            ("guardian_phone", "13612345678"), ("consent_by", "赵军")]:
            form.find_element(By.NAME, name).send_keys(value)
        form.find_element(By.NAME, "consent_given").click()
        self.shot("22-register-form")
        d.find_element(By.ID, "register").click()
        self.assertIn("已登记", d.find_element(By.CSS_SELECTOR, ".flash").text)
        self.assertIn("赵小燕", d.page_source)
        d.find_element(By.LINK_TEXT, "今日工作").click()
        self.assertIn("赵小燕", self.due_names())
        d.find_element(By.ID, "logout").click()

        self.login("zhou")
        d.find_element(By.LINK_TEXT, "接种时间").click()
        row = d.find_element(By.CSS_SELECTOR, "#county-dates tr[data-county='360102']")
        deadline = row.find_element(By.NAME, "first_dose_deadline")
        # A date input takes the digits in the browser's own order; set it as the page's script would.
        d.execute_script("arguments[0].value = '2023-10-20'", deadline)
        row.find_element(By.CSS_SELECTOR, "button[type='submit']").click()
        self.assertIn("2023-10-20", d.find_element(By.CSS_SELECTOR, ".flash").text)
        self.assertIn("本县区设定", d.find_element(By.CSS_SELECTOR, "#county-dates tr[data-county='360102']").text)
        self.assertNotIn("360102", d.find_element(By.CSS_SELECTOR, ".flash").text)  # the county by name, no code
        self.shot("23-county-dates")
        d.find_element(By.ID, "logout").click()


if __name__ == "__main__":
    result = unittest.main(exit=False, verbosity=2).result
    sys.exit(0 if result.wasSuccessful() else 1)
