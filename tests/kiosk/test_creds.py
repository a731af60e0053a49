"""The data key where systemd puts it (``$CREDENTIALS_DIRECTORY``), sealing with
``systemd-creds`` (this machine has no TPM: the fallback runs with the real tool; the
sealing steps run against a stand-in tool that says so), and key files refused for their
mode, owner, size or type with a sentence a technician can act on."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.config import Config
from kiosk.crypto import CREDENTIAL, DataKey, KeyFileError, read_key_file
from kiosk.provision import ProvisionError, seal_data_key


def _cfg(tmp: Path) -> Config:
    return replace(Config(), data_dir=tmp / "data")


def _credentials_dir(tmp: Path, key: bytes, mode: int = 0o400) -> Path:
    """What systemd makes for LoadCredentialEncrypted=: a 0500 folder, a 0400 file (0440
    where it grants the unit's user read access by an ACL: the mask shows as group bits)."""
    creds = tmp / "credentials"
    creds.mkdir()
    (creds / CREDENTIAL).write_bytes(key)
    (creds / CREDENTIAL).chmod(mode)
    creds.chmod(0o500)
    return creds


@pytest.mark.parametrize("mode", [0o400, 0o440])
def test_the_key_comes_from_the_credentials_directory_when_the_unit_passes_it(
        tmp_path: Path, mode: int) -> None:
    key = os.urandom(32)
    blob = DataKey(key).encrypt(b"420102195003120026", "case:1:personal")
    creds = _credentials_dir(tmp_path, key, mode)
    path = tmp_path / "keys" / "data.key"
    loaded = DataKey.load_or_create(path, env={"CREDENTIALS_DIRECTORY": str(creds)},
                                    credstore=tmp_path / "credstore")
    assert loaded.decrypt(blob, "case:1:personal") == b"420102195003120026"
    assert not path.exists()  # no second key made beside the credential
    (creds / CREDENTIAL).chmod(0o600)
    with (creds / CREDENTIAL).open("ab") as f:
        f.write(b"x")  # a credential of the wrong size is refused like a file
    with pytest.raises(KeyFileError, match=r"data key credential .* is 33 bytes"):
        DataKey.load_or_create(path, env={"CREDENTIALS_DIRECTORY": str(creds)},
                               credstore=tmp_path / "credstore")


def test_a_credentials_directory_without_the_key_falls_back_to_the_file(
        tmp_path: Path) -> None:
    creds = tmp_path / "credentials"
    creds.mkdir()
    (creds / "something-else").write_bytes(b"x")
    path = tmp_path / "keys" / "data.key"
    first = DataKey.load_or_create(path, env={"CREDENTIALS_DIRECTORY": str(creds)},
                                   credstore=tmp_path / "credstore")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    again = DataKey.load_or_create(path, env={}, credstore=tmp_path / "credstore")
    assert again.decrypt(first.encrypt(b"x", "c"), "c") == b"x"


def test_a_sealed_key_not_passed_in_is_refused_never_replaced(tmp_path: Path) -> None:
    credstore = tmp_path / "credstore"
    credstore.mkdir()
    (credstore / CREDENTIAL).write_bytes(b"sealed blob")
    path = tmp_path / "keys" / "data.key"
    with pytest.raises(KeyFileError, match="sealed with this terminal's TPM") as exc:
        DataKey.load_or_create(path, env={}, credstore=credstore)
    assert f"LoadCredentialEncrypted={CREDENTIAL}" in str(exc.value)
    assert not path.exists()


@pytest.mark.parametrize(("mode", "size", "said"), [
    (0o644, 32, "has mode 0644"), (0o640, 32, "has mode 0640"), (0o600, 31, "is 31 bytes"),
    (0o600, 33, "is 33 bytes"), (0o600, 0, "is 0 bytes")])
def test_a_key_file_of_the_wrong_mode_or_size_is_refused(tmp_path: Path, mode: int,
                                                         size: int, said: str) -> None:
    path = tmp_path / "keys" / "data.key"
    path.parent.mkdir(mode=0o700)
    data = os.urandom(size)
    path.write_bytes(data)
    path.chmod(mode)
    with pytest.raises(KeyFileError, match=said) as exc:
        DataKey.load_or_create(path, env={}, credstore=tmp_path / "credstore")
    assert str(path) in str(exc.value)
    assert ("chmod 600" in str(exc.value)) == (mode != 0o600)
    assert path.read_bytes() == data and stat.S_IMODE(path.stat().st_mode) == mode


def test_a_symlink_or_a_folder_as_key_file_is_refused(tmp_path: Path) -> None:
    real = tmp_path / "real.key"
    real.write_bytes(os.urandom(32))
    real.chmod(0o600)
    link = tmp_path / "keys" / "data.key"
    link.parent.mkdir(mode=0o700)
    link.symlink_to(real)
    with pytest.raises(KeyFileError, match="symlink"):
        DataKey.load_or_create(link, env={}, credstore=tmp_path / "credstore")
    folder = tmp_path / "folder.key"
    folder.mkdir()
    with pytest.raises(KeyFileError, match="not a regular file"):
        read_key_file(folder)


def test_a_key_file_of_another_user_is_refused(tmp_path: Path) -> None:
    """Read by a user that is not the file's owner: root's /etc/passwd read as ``nobody``
    (the test runs as root, like the packaging tests; a non-root run reads it as itself)."""
    assert os.stat("/etc/passwd").st_uid == 0
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: drop to nobody if root, try the file, report the sentence
        try:
            os.close(r)
            if os.geteuid() == 0:
                os.setresgid(65534, 65534, 65534)
                os.setresuid(65534, 65534, 65534)
            try:
                read_key_file(Path("/etc/passwd"))
                said = "accepted"
            except KeyFileError as exc:
                said = str(exc)
            os.write(w, said.encode())
        finally:
            os._exit(0)
    os.close(w)
    with os.fdopen(r, "rb") as f:
        said = f.read().decode()
    os.waitpid(pid, 0)
    assert "/etc/passwd belongs to uid 0, not to this user" in said, said
    assert "chown" in said


def test_without_a_tpm_sealing_keeps_the_0600_file_and_says_so(tmp_path: Path) -> None:
    """The real systemd-creds: this machine (and CI's) has no TPM2."""
    tool = shutil.which("systemd-creds")
    assert tool, "systemd-creds missing: apt-get install systemd (setup.sh installs it)"
    probe = subprocess.run([tool, "has-tpm2"], capture_output=True, check=False)
    assert probe.returncode != 0, "this test expects a machine without a TPM2"
    cfg = _cfg(tmp_path)
    DataKey.load_or_create(cfg.key_path, env={}, credstore=tmp_path / "credstore")
    before = cfg.key_path.read_bytes()
    said = seal_data_key(cfg, credstore=tmp_path / "credstore")
    assert "no usable TPM2 here (systemd-creds has-tpm2:" in said
    assert f"stays in the 0600 file {cfg.key_path}" in said
    assert cfg.key_path.read_bytes() == before
    assert stat.S_IMODE(cfg.key_path.stat().st_mode) == 0o600
    assert not (tmp_path / "credstore").exists()


def test_kiosk_seal_key_says_the_same_in_one_line(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    os.environ.pop("CREDENTIALS_DIRECTORY", None)
    rc = main(["--config", str(_write_config(tmp_path)), "seal-key"])
    out = capsys.readouterr().out
    assert rc == 0 and "no usable TPM2 here" in out and "0600 file" in out, out


def _write_config(tmp: Path) -> Path:
    cfg = tmp / "kiosk.toml"
    cfg.write_text(f'data_dir = "{tmp / "data"}"\n', encoding="utf-8")
    return cfg


def test_a_bad_key_file_stops_a_command_with_one_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = _write_config(tmp_path)
    key = tmp_path / "data" / "keys" / "data.key"
    key.parent.mkdir(parents=True, mode=0o700)
    key.write_bytes(os.urandom(32))
    key.chmod(0o644)
    rc = main(["--config", str(config), "requeue"])
    err = capsys.readouterr().err
    assert rc == 2 and err.startswith("error: key file ") and "chmod 600" in err, err
    assert len(err.strip().splitlines()) == 1


STAND_IN = """#!/bin/sh
# A stand-in for systemd-creds on a machine with a TPM (there is none here): "encrypts" by
# prefixing a header, "decrypts" by taking it off (or, in BROKEN mode, returns other bytes).
# It records each call, so the test sees what the terminal asked for.
echo "$@" >> "$LOG"
case "$1" in
  has-tpm2) echo yes; exit 0 ;;
  encrypt) { printf 'SEALED:'; cat; } > "$5"; exit 0 ;;
  decrypt) if [ -n "$BROKEN" ]; then printf 'nonsense'; else tail -c +8 "$4"; fi; exit 0 ;;
esac
exit 1
"""


def _stand_in(tmp: Path, broken: bool, monkeypatch: pytest.MonkeyPatch) -> Path:
    tool = tmp / "bin" / "systemd-creds"
    tool.parent.mkdir()
    tool.write_text(STAND_IN)
    tool.chmod(0o755)
    monkeypatch.setenv("LOG", str(tmp / "calls.log"))
    if broken:
        monkeypatch.setenv("BROKEN", "1")
    return tool


def test_with_a_tpm_the_key_is_sealed_checked_and_the_plaintext_removed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tool = _stand_in(tmp_path, False, monkeypatch)
    cfg = _cfg(tmp_path)
    credstore = tmp_path / "credstore"
    key = DataKey.load_or_create(cfg.key_path, env={}, credstore=credstore)
    blob = key.encrypt(b"secret", "c")
    plain = cfg.key_path.read_bytes()
    said = seal_data_key(cfg, credstore=credstore, tool=str(tool))
    assert f"sealed with the TPM in {credstore / CREDENTIAL}" in said
    assert "plaintext" in said and not cfg.key_path.exists()
    calls = (tmp_path / "calls.log").read_text().splitlines()
    assert calls[0] == "has-tpm2"
    assert calls[1].startswith(f"encrypt --with-key=tpm2 --name={CREDENTIAL} - ")
    assert calls[2].startswith(f"decrypt --newline=no --name={CREDENTIAL} ")
    sealed = credstore / CREDENTIAL
    assert sealed.read_bytes() == b"SEALED:" + plain  # what the tool was given: the key
    assert stat.S_IMODE(sealed.stat().st_mode) == 0o600
    assert [p.name for p in credstore.iterdir()] == [CREDENTIAL]  # no temporary left
    # sealed now: a command outside the units is refused instead of making a new key
    with pytest.raises(KeyFileError, match="sealed"):
        DataKey.load_or_create(cfg.key_path, env={}, credstore=credstore)
    assert not cfg.key_path.exists()
    # and the unit's credential (systemd decrypts it) opens what the old file's key sealed
    creds = _credentials_dir(tmp_path, plain)
    again = DataKey.load_or_create(cfg.key_path, env={"CREDENTIALS_DIRECTORY": str(creds)},
                                   credstore=credstore)
    assert again.decrypt(blob, "c") == b"secret"
    assert "already sealed" in seal_data_key(cfg, credstore=credstore, tool=str(tool))


def test_a_sealed_key_that_does_not_decrypt_back_leaves_the_key_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tool = _stand_in(tmp_path, True, monkeypatch)
    cfg = _cfg(tmp_path)
    credstore = tmp_path / "credstore"
    DataKey.load_or_create(cfg.key_path, env={}, credstore=credstore)
    plain = cfg.key_path.read_bytes()
    with pytest.raises(ProvisionError, match="did not decrypt back"):
        seal_data_key(cfg, credstore=credstore, tool=str(tool))
    assert cfg.key_path.read_bytes() == plain
    assert list(credstore.iterdir()) == []


def test_every_unit_that_opens_the_store_names_the_credential_optionally() -> None:
    """The session, sync and purge units pass the sealed key by its name (not a path: a
    name that is not in a credential store is skipped, so a terminal without a TPM starts
    the same), and the name is the one the terminal reads."""
    units = Path(__file__).resolve().parents[2] / "packaging" / "systemd"
    for name in ("village-kiosk.service", "village-kiosk-sync.service",
                 "village-kiosk-purge.service"):
        lines = [line.strip() for line in (units / name).read_text().splitlines()]
        assert f"LoadCredentialEncrypted={CREDENTIAL}" in lines, name
        assert "Environment=KIOSK_CONFIG=/etc/village-kiosk/kiosk.toml" in lines, name
