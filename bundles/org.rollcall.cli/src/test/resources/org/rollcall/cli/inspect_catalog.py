# What SQLAlchemy 1.4's inspector (with psycopg2, as Superset uses it) reads of a PostgreSQL database, as JSON:
# ServeCatalogTest runs it against rollcall serve and against a real PostgreSQL holding the same schema.
# Usage: inspect_catalog.py URL TABLE,TABLE,... VIEW,VIEW,... [GROUPED_QUERY]
import json
import sys

from sqlalchemy import create_engine, inspect

url, tables, views = sys.argv[1], sys.argv[2].split(","), sys.argv[3].split(",")
engine = create_engine(url)
inspector = inspect(engine)


def columns(name):
    return [{"name": c["name"], "type": str(c["type"]), "nullable": c["nullable"], "default": c["default"],
             "comment": c.get("comment")} for c in inspector.get_columns(name)]


out = {
    "default_schema": inspector.default_schema_name,
    "schemas": sorted(inspector.get_schema_names()),
    "tables": sorted(inspector.get_table_names()),
    "views": sorted(inspector.get_view_names()),
    "relations": {},
}
for name in tables:
    out["relations"][name] = {
        "columns": columns(name),
        "pk": inspector.get_pk_constraint(name),
        "fks": sorted(inspector.get_foreign_keys(name), key=lambda fk: fk["name"]),
        "indexes": inspector.get_indexes(name),
        "comment": inspector.get_table_comment(name),
    }
for name in views:
    out["relations"][name] = {"columns": columns(name), "comment": inspector.get_table_comment(name)}
if len(sys.argv) > 4:
    import pandas
    frame = pandas.read_sql(sys.argv[4], engine)
    out["grouped"] = [[str(v) for v in row] for row in frame.itertuples(index=False)]
print(json.dumps(out, indent=1, sort_keys=True))
