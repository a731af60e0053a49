"""pyside6-qmllint over the VillageKiosk module, with the Python view models' types.

One test per QML file, so a warning names the file (and the helper) it belongs to. The
qmltypes are regenerated first from the Python sources, so a renamed property in a view
model shows up here as an unknown member in the QML that still uses the old name.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ui import qmltypes

FILES = qmltypes.qml_files()


@pytest.fixture(scope="module")
def warnings() -> dict[Path, list[str]]:
    qmltypes.generate()
    found: dict[Path, list[str]] = {}
    for w in qmltypes.lint(FILES):
        found.setdefault(w.file.resolve(), []).append(str(w))
    return found


def test_the_python_types_are_described_for_qml() -> None:
    text = qmltypes.generate().read_text(encoding="utf-8")
    for name in ("ShellViewModel", "CardViewModel", "PhotoViewModel", "DoneViewModel",
                 "QueryViewModel", "RatingViewModel", "MaintenanceViewModel", "RowsModel"):
        assert f'"VillageKiosk/{name} 1.0"' in text, name


def test_lint_sees_a_misspelt_view_model_member(tmp_path: Path) -> None:
    """The lint is not vacuous: a property the view model lacks is reported."""
    bad = qmltypes.QML_DIR / "screens" / "done" / "_LintProbe.qml"
    bad.write_text('import QtQuick\nimport "../.."\nItem {\n    property DoneViewModel vm\n'
                   '    property string probe: vm.caseNumber\n}\n', encoding="utf-8")
    try:
        qmltypes.generate()
        found = qmltypes.lint([bad])
    finally:
        bad.unlink()
    assert [w.id for w in found] == ["missing-property"]
    assert "caseNumber" in found[0].message


@pytest.mark.parametrize("qml", FILES, ids=[str(p.relative_to(qmltypes.QML_DIR))
                                            for p in FILES])
def test_qml_file_lints_clean(qml: Path, warnings: dict[Path, list[str]]) -> None:
    assert warnings.get(qml.resolve(), []) == []
