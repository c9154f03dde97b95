#!/usr/bin/python3
"""The desk in a real browser: Debian's headless Chromium (chromium, chromium-driver,
python3-selenium) drives a real `vanthu serve` on a free loopback port over a temporary SQLite
database. Flow: sign in; fill the Công văn form with a trích yếu that starts with "V/v" and holds
a <script>; see the core's finding beside Trích yếu and the script shown as text (it never runs);
fix it; issue; see the number and code; download the PDF (named 01-BTP-VP.pdf) and read it with
pdftotext; find it in Tra cứu by its code typed sloppily; open Văn bản đến; the form on a 390 px
screen; sign out. Screenshots of each step go to --out (build/desk-screens/); look at them.

usage: browser_test.py --binary build/vanthu --out build/desk-screens
Exit 0 passed, 1 failed, 77 skipped (a tool is missing and CI is not "true").
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PASSWORD = "mat-khau-van-thu-1"
SCRIPT_SUBJECT = 'V/v </textarea><script>document.title="PWNED"</script> góp ý dự thảo Thông tư về công tác văn thư'
FIXED_SUBJECT = "Góp ý dự thảo Thông tư về công tác văn thư"


def missing(what):
    if os.environ.get("CI") == "true":
        print(f"FAIL {what} is missing (CI=true: a missing tool fails)", file=sys.stderr)
        sys.exit(1)
    print(f"SKIP {what} is missing (skipped; CI=true makes this a failure)", file=sys.stderr)
    sys.exit(77)


def check(cond, message):
    if not cond:
        raise AssertionError(message)


class Desk:
    """`vanthu serve` on a free port (--port 0), stopped by stop()."""

    def __init__(self, binary, work):
        self.db = f"sqlite:{work}/desk.db"
        pw = work / "password"
        pw.write_text(PASSWORD + "\n", encoding="utf-8")
        for name, role, login in (("Chị Lan", "clerk", "lan"), ("Anh Quản trị", "admin", "quantri")):
            subprocess.run([binary, "user", "add", "--name", name, "--role", role, "--organ", "BTP", "--organ-name", "BỘ TƯ PHÁP",
                            "--login", login, "--password-file", str(pw), "--db", self.db], check=True, capture_output=True)
        self.proc = subprocess.Popen([binary, "serve", "--db", self.db, "--host", "127.0.0.1", "--port", "0"],
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.base = None
        deadline = time.time() + 30
        while time.time() < deadline and self.base is None:
            line = self.proc.stdout.readline()
            if not line:
                break
            m = re.search(r"desk.*(http://127\.0\.0\.1:\d+)/", line)
            if m:
                self.base = m.group(1)
        check(self.base, "vanthu serve did not print the desk's address")

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def browser(downloads):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    opts = webdriver.ChromeOptions()
    opts.binary_location = shutil.which("chromium")
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,1100", "--lang=vi",
              "--no-first-run", "--disable-extensions", "--disable-background-networking"):
        opts.add_argument(a)
    opts.add_experimental_option("prefs", {"download.default_directory": str(downloads), "download.prompt_for_download": False,
                                           "plugins.always_open_pdf_externally": True})
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=opts)
    driver.set_page_load_timeout(30)
    return driver


def shot(driver, out, name):
    # The whole page, not only the window: the form is longer than a screen.
    height = driver.execute_script("return document.documentElement.scrollHeight")
    width = driver.get_window_size()["width"]
    driver.set_window_size(width, max(600, min(height + 140, 4000)))
    driver.save_screenshot(str(out / name))
    print(f"screenshot {out / name}")


def navigate(driver, element):
    """Clicks a link or a submit button and waits for the next page (the old one goes stale), so
    no check runs against the page that was there before."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait
    old = driver.find_element(By.TAG_NAME, "html")
    element.click()
    WebDriverWait(driver, 20).until(expected_conditions.staleness_of(old))


def flow(driver, base, out, downloads):
    from selenium.webdriver.common.by import By
    find = driver.find_element
    go = lambda element: navigate(driver, element)  # noqa: E731

    driver.get(base + "/")
    check(driver.current_url.endswith("/dang-nhap"), f"/ without a session goes to sign-in, not {driver.current_url}")
    check(find(By.TAG_NAME, "html").get_attribute("lang") == "vi", 'the page is lang="vi"')
    find(By.ID, "login").send_keys("lan")
    find(By.ID, "password").send_keys(PASSWORD)
    shot(driver, out, "01-dang-nhap.png")
    go(find(By.CSS_SELECTOR, "form button[type=submit]"))
    check(driver.current_url.endswith("/van-ban-di"), f"signed in, the outgoing list: {driver.current_url}")
    check(find(By.TAG_NAME, "h1").text.startswith("Văn bản đi"), "the list's heading")

    go(find(By.LINK_TEXT, "Dự thảo mới"))
    fields = {"ky-hieu": "BTP-VP", "dia-danh": "Hà Nội", "trich-yeu": SCRIPT_SUBJECT, "kinh-gui": "Các Sở Tư pháp",
              "noi-dung": "Bộ Tư pháp đề nghị quý cơ quan góp ý dự thảo Thông tư, gửi về trước ngày 15 tháng 12 năm 2026./.",
              "chuc-vu": "CHÁNH VĂN PHÒNG", "nguoi-ky": "Nguyễn Văn An", "noi-nhan": "Như trên\nLãnh đạo Bộ (để báo cáo)",
              "luu": "VT, VP"}
    for name, value in fields.items():
        el = find(By.ID, name)
        el.clear()
        el.send_keys(value)
    go(find(By.CSS_SELECTOR, "form.draft button[type=submit]"))

    # The finding sits under Trích yếu (its list is the field's aria-describedby), and the script is text.
    finding = find(By.ID, "luu-y-trich-yeu")
    check("không nhập 'V/v' trong trích yếu" in finding.text, f"the V/v finding beside Trích yếu: {finding.text!r}")
    check("luu-y-trich-yeu" in find(By.ID, "trich-yeu").get_attribute("aria-describedby"), "the finding is the field's description")
    check(driver.title != "PWNED" and "PWNED" not in driver.title, "the stored script never ran")
    check(not driver.find_elements(By.TAG_NAME, "script"), "the stored script is text, not an element (escaped, not only blocked by the CSP)")
    check(find(By.ID, "trich-yeu").get_attribute("value") == SCRIPT_SUBJECT, "the subject comes back as typed, as text")
    shot(driver, out, "02-luu-y-trich-yeu.png")

    el = find(By.ID, "trich-yeu")
    el.clear()
    el.send_keys(FIXED_SUBJECT)
    go(find(By.CSS_SELECTOR, "form.draft button[type=submit]"))
    check(re.search(r"/van-ban-di/\d+$", driver.current_url), f"fixed, the draft's page: {driver.current_url}")
    check("Dự thảo" in find(By.TAG_NAME, "h1").text, "a draft's heading")
    shot(driver, out, "03-du-thao.png")

    # The recipients that will not be delivered are listed, and must be acknowledged before issuing.
    preview = find(By.CSS_SELECTOR, "ul.recipients").text
    check("Lãnh đạo Bộ (để báo cáo) — chưa xác định được" in preview, f"the unresolved Nơi nhận line: {preview!r}")
    check(driver.execute_script("return document.getElementById('da-xem-canh-bao').required"), "the acknowledgement is required")
    find(By.ID, "da-xem-canh-bao").click()
    go(find(By.XPATH, "//button[normalize-space()='Ban hành']"))
    notice = find(By.CSS_SELECTOR, ".notice").text
    check("số 01" in notice and "01/BTP-VP" in notice, f"the number and code after issue: {notice!r}")
    check(find(By.TAG_NAME, "h1").text == "01/BTP-VP", "the page is titled by its code")
    shot(driver, out, "04-da-ban-hanh.png")

    find(By.LINK_TEXT, "Tải PDF").click()
    pdf = downloads / "01-BTP-VP.pdf"
    deadline = time.time() + 30
    while time.time() < deadline and not pdf.is_file():
        time.sleep(0.2)
    check(pdf.is_file(), f"the PDF downloaded as 01-BTP-VP.pdf (found {sorted(p.name for p in downloads.iterdir())})")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    check("Số: 01/BTP-VP" in text, "pdftotext finds the number in the PDF")
    check("V/v góp ý dự thảo Thông tư" in " ".join(text.split()) or "góp ý dự thảo Thông tư" in text, "the subject is in the PDF")

    driver.get(base + "/van-ban-di")
    check("01/BTP-VP" in find(By.TAG_NAME, "table").text, "the list shows the issued document")
    shot(driver, out, "05-danh-sach.png")

    go(find(By.LINK_TEXT, "Tra cứu"))
    find(By.ID, "q").send_keys("01 btp vp")  # the code typed sloppily
    go(find(By.CSS_SELECTOR, "form[role=search] button"))
    check("01/BTP-VP" in find(By.TAG_NAME, "table").text, "Tra cứu finds the code typed sloppily")
    shot(driver, out, "07-tra-cuu.png")
    go(find(By.LINK_TEXT, "Văn bản đến"))
    check(find(By.TAG_NAME, "h1").text.startswith("Văn bản đến năm"), "the incoming register's page")
    shot(driver, out, "08-van-ban-den.png")

    driver.set_window_size(390, 900)  # a narrow screen: nothing wider than the window
    driver.get(base + "/van-ban-di/moi")
    overflow = driver.execute_script("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
    check(overflow <= 0, f"the form fits a 390 px screen (overflows by {overflow} px)")
    driver.save_screenshot(str(out / "06-man-hinh-hep.png"))
    print(f"screenshot {out / '06-man-hinh-hep.png'}")

    driver.set_window_size(1280, 900)
    go(find(By.XPATH, "//button[normalize-space()='Đăng xuất']"))
    check(driver.current_url.endswith("/dang-nhap"), "signed out")
    driver.get(base + "/van-ban-di")
    check(driver.current_url.endswith("/dang-nhap"), "after sign-out the list needs a sign-in again")

    # An admin disables Chị Lan, who is then refused.
    sign_in(driver, base, "quantri")
    go(find(By.LINK_TEXT, "Người dùng"))
    go(find(By.XPATH, "//tr[td[normalize-space()='lan']]//button"))
    check("đã khóa" in find(By.XPATH, "//tr[td[normalize-space()='lan']]").text, "Chị Lan is disabled")
    shot(driver, out, "09-nguoi-dung.png")
    go(find(By.XPATH, "//button[normalize-space()='Đăng xuất']"))
    sign_in(driver, base, "lan")
    check(driver.current_url.endswith("/dang-nhap"), "a disabled user stays at the sign-in page")
    alert = find(By.CSS_SELECTOR, "[role=alert]").text
    check("Tên đăng nhập hoặc mật khẩu không đúng" in alert, f"a disabled user is refused: {alert!r}")
    shot(driver, out, "10-bi-tu-choi.png")


def sign_in(driver, base, login):
    from selenium.webdriver.common.by import By
    driver.get(base + "/dang-nhap")
    driver.find_element(By.ID, "login").send_keys(login)
    driver.find_element(By.ID, "password").send_keys(PASSWORD)
    navigate(driver, driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    for program, package in (("chromium", "chromium"), ("chromedriver", "chromium-driver"), ("pdftotext", "poppler-utils")):
        if not shutil.which(program):
            missing(f"'{program}' ({package})")
    try:
        import selenium  # noqa: F401
    except ImportError:
        missing("python3-selenium")
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.png"):
        old.unlink()
    with tempfile.TemporaryDirectory(prefix="vanthu-desk-") as tmp:
        work = Path(tmp)
        downloads = work / "downloads"
        downloads.mkdir()
        desk = Desk(a.binary, work)
        driver = None
        try:
            driver = browser(downloads)
            flow(driver, desk.base, out, downloads)
        except Exception as e:  # an assertion, or selenium not finding what the page should have
            if driver:
                driver.save_screenshot(str(out / "failed.png"))
            print(f"FAIL {e}", file=sys.stderr)
            return 1
        finally:
            if driver:
                driver.quit()
            desk.stop()
    print("desk browser flow: passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
