"""Install what the test suite needs outside Python, when it is missing.

- Debian packages: chromium (browser tests), poppler-utils (PDF rendering), LibreOffice
  Writer and Calc without a GUI (the Word and Excel reports rendered in a real reader).
- axe-core from the npm registry into ./node_modules/axe-core (never a CDN).
Safe to run every time: does nothing when everything is there.
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import subprocess
import sys
import tarfile
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AXE_VERSION = "4.14.1"
AXE_DIR = ROOT / "node_modules" / "axe-core"
DEBIAN_PACKAGES = {
    "/usr/bin/chromium": "chromium",
    "/usr/bin/pdftoppm": "poppler-utils",
    # The Word and Excel reports opened in a real reader (converted to PDF) in the tests.
    "/usr/lib/libreoffice/program/libmswordlo.so": "libreoffice-writer-nogui",
    "/usr/lib/libreoffice/program/libscdlo.so": "libreoffice-calc-nogui",
    "/usr/share/fonts/truetype/crosextra/Carlito-Regular.ttf": "fonts-crosextra-carlito",
}
EXTRA_DEBIAN = ["libharfbuzz-subset0", "fonts-dejavu-core"]


def apt_install(packages: list[str]) -> None:
    if shutil.which("apt-get") is None:
        sys.exit(f"Saknas: {', '.join(packages)} – och apt-get finns inte. Installera dem själv.")
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run([*sudo, "apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(
        [*sudo, "apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages],
        check=True,
        env=env,
    )


def ensure_debian() -> None:
    missing = [pkg for path, pkg in DEBIAN_PACKAGES.items() if not Path(path).exists()]
    if missing:
        print(f"Installerar {', '.join(missing)} (apt-get) …", flush=True)
        apt_install(missing + EXTRA_DEBIAN)


def ensure_axe() -> None:
    marker = AXE_DIR / "package.json"
    if marker.exists() and f'"version": "{AXE_VERSION}"' in marker.read_text():
        return
    print(f"Hämtar axe-core {AXE_VERSION} från npm-registret …", flush=True)
    url = f"https://registry.npmjs.org/axe-core/-/axe-core-{AXE_VERSION}.tgz"
    with urllib.request.urlopen(url, timeout=60) as response:
        data = response.read()
    meta_url = f"https://registry.npmjs.org/axe-core/{AXE_VERSION}"
    with urllib.request.urlopen(meta_url, timeout=60) as response:
        import json

        shasum = json.load(response)["dist"]["shasum"]
    if hashlib.sha1(data).hexdigest() != shasum:
        sys.exit("axe-core: kontrollsumman stämmer inte med npm-registrets")
    if AXE_DIR.exists():
        shutil.rmtree(AXE_DIR)
    AXE_DIR.mkdir(parents=True)
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        for member in archive.getmembers():
            if not member.isfile():
                continue
            name = member.name.removeprefix("package/")
            if name not in {"axe.min.js", "package.json", "LICENSE"}:
                continue
            target = AXE_DIR / name
            source = archive.extractfile(member)
            assert source is not None
            target.write_bytes(source.read())


if __name__ == "__main__":
    ensure_debian()
    ensure_axe()
