"""The mention list's keyset count stays consistent while mentions arrive mid-count."""

from crisiscomm import incidents, mentions
from crisiscomm.store import Store


class ArrivingDuringCount(Store):
    """A store on which another connection commits mentions right after the first read."""

    def __init__(self, path, writer: Store, incident_id: int):
        super().__init__(path, migrate=False)
        self.writer, self.incident_id, self.arrived = writer, incident_id, False

    def scalar(self, sql, params=()):
        value = super().scalar(sql, params)
        if not self.arrived:
            self.arrived = True
            items = [{"title": f"bahsetme {i}", "text": "", "link": f"http://e.org/{i}", "guid": str(i)}
                     for i in range(6)]
            mentions.add_mentions(self.writer, items, operator="a", incident_id=self.incident_id)
        return value


def test_rows_arriving_mid_count_never_break_a_page(store, db_path):
    drill = incidents.open_incident(store, "Tatbikat", "general", operator="a", exercise=True)
    reader = ArrivingDuringCount(db_path, store, drill.id)
    query = mentions.MentionQuery(incidents.get(store, drill.id))
    first = query.count(reader)  # the arrivals are not in this count's snapshot
    assert first == 0 and reader.arrived
    total = query.count(reader)
    assert total == 6
    titles = [row["title"] for row in query.fetch(reader, 0, 100, total=total)]
    assert titles == [f"bahsetme {i}" for i in reversed(range(6))]
    reader.close()
