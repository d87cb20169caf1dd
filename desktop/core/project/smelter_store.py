"""The user's smelter decisions and overrides in a project file, with who and when."""

from __future__ import annotations

import json

from desktop.core.smelters.decisions import MatchDecision, SmelterOverride, now_iso

LEFT_UNKNOWN_SETTING = "left_unknown"


class SmelterDecisionRecords:
    """Mixed into Project: needs `self.con` and `self.transaction()`."""

    def decisions(self) -> list[MatchDecision]:
        rows = self.con.execute(
            "SELECT metal, raw_name, raw_country, raw_id, cid, not_a_smelter, note, decided_by, decided_at "
            "FROM smelter_decisions ORDER BY decided_at"
        )
        return [MatchDecision(**{**dict(row), "not_a_smelter": bool(row["not_a_smelter"])}) for row in rows]

    def save_decision(self, decision: MatchDecision) -> None:
        with self.transaction() as con:
            con.execute(
                "INSERT OR REPLACE INTO smelter_decisions (key, metal, raw_name, raw_country, raw_id, cid, "
                "not_a_smelter, note, decided_by, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    decision.key, decision.metal, decision.raw_name, decision.raw_country, decision.raw_id,
                    decision.cid, int(decision.not_a_smelter), decision.note, decision.decided_by,
                    decision.decided_at,
                ),
            )

    def delete_decision(self, key: str) -> None:
        with self.transaction() as con:
            con.execute("DELETE FROM smelter_decisions WHERE key = ?", (key,))

    def left_unknown(self) -> dict[str, dict]:
        """Unresolved rows the user chose to leave unknown: key -> {"by", "at"}."""
        return json.loads(self.setting(LEFT_UNKNOWN_SETTING, "{}") or "{}")

    def set_left_unknown(self, key: str, left: bool, decided_by: str = "") -> None:
        entries = self.left_unknown()
        if left:
            entries[key] = {"by": decided_by, "at": now_iso()}
        else:
            entries.pop(key, None)
        self.set_setting(LEFT_UNKNOWN_SETTING, json.dumps(entries, sort_keys=True))

    def overrides(self) -> list[SmelterOverride]:
        rows = self.con.execute(
            "SELECT metal, cid, status, exclude_from_annex, note, decided_by, decided_at "
            "FROM smelter_overrides ORDER BY decided_at"
        )
        return [SmelterOverride(**{**dict(row), "exclude_from_annex": bool(row["exclude_from_annex"])}) for row in rows]

    def save_override(self, override: SmelterOverride) -> None:
        with self.transaction() as con:
            con.execute(
                "INSERT OR REPLACE INTO smelter_overrides (metal, cid, status, exclude_from_annex, note, "
                "decided_by, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    override.metal, override.cid, override.status, int(override.exclude_from_annex),
                    override.note, override.decided_by, override.decided_at,
                ),
            )

    def delete_override(self, metal: str, cid: str) -> None:
        with self.transaction() as con:
            con.execute("DELETE FROM smelter_overrides WHERE metal = ? AND cid = ?", (metal, cid))
