package org.rollcall.server.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.rollcall.server.catalog.Catalog.Column;
import org.rollcall.server.catalog.Catalog.Constraint;
import org.rollcall.server.catalog.Catalog.Relation;

/**
 * The tables of {@code pg_catalog} and {@code information_schema}, with PostgreSQL 16's names and column types for
 * the columns clients read (psql's \d commands, pgjdbc's DatabaseMetaData, SQLAlchemy's inspector), filled from a
 * {@link Catalog}. Tables of things RollCall does not have (triggers, policies, sequences, publications ...) exist
 * and are empty, so that queries joining them answer as on a PostgreSQL database without such things.
 */
final class CatalogTables {

    /** Helper tables the translation joins in place of set-returning functions; PostgreSQL has no such tables. */
    static final String ARRAY_ELEMENTS = "_rollcall_array_elements";
    static final String SERIES = "_rollcall_series";

    final Map<String, RowTable> pgCatalog = new LinkedHashMap<>();
    final Map<String, RowTable> informationSchema = new LinkedHashMap<>();

    CatalogTables() {
        pg("pg_namespace", "oid oid, nspname name, nspowner oid, nspacl _aclitem");
        pg("pg_class", "oid oid, relname name, relnamespace oid, reltype oid, reloftype oid, relowner oid, relam oid,"
                + " relfilenode oid, reltablespace oid, relpages int4, reltuples float4, relallvisible int4,"
                + " reltoastrelid oid, relhasindex bool, relisshared bool, relpersistence char, relkind char,"
                + " relnatts int2, relchecks int2, relhasrules bool, relhastriggers bool, relhassubclass bool,"
                + " relrowsecurity bool, relforcerowsecurity bool, relispopulated bool, relreplident char,"
                + " relispartition bool, relrewrite oid, relfrozenxid xid, relminmxid xid, relacl _aclitem,"
                + " reloptions _text, relpartbound pg_node_tree");
        pg("pg_attribute", "attrelid oid, attname name, atttypid oid, attlen int2, attnum int2, attcacheoff int4,"
                + " atttypmod int4, attndims int2, attbyval bool, attalign char, attstorage char, attcompression char,"
                + " attnotnull bool, atthasdef bool, atthasmissing bool, attidentity char, attgenerated char,"
                + " attisdropped bool, attislocal bool, attinhcount int2, attstattarget int2, attcollation oid,"
                + " attacl _aclitem, attoptions _text, attfdwoptions _text");
        pg("pg_type", "oid oid, typname name, typnamespace oid, typowner oid, typlen int2, typbyval bool,"
                + " typtype char, typcategory char, typispreferred bool, typisdefined bool, typdelim char,"
                + " typrelid oid, typsubscript regproc, typelem oid, typarray oid, typinput regproc,"
                + " typoutput regproc, typreceive regproc, typsend regproc, typmodin regproc, typmodout regproc,"
                + " typanalyze regproc, typalign char, typstorage char, typnotnull bool, typbasetype oid,"
                + " typtypmod int4, typndims int4, typcollation oid, typdefaultbin pg_node_tree, typdefault text,"
                + " typacl _aclitem");
        pg("pg_description", "objoid oid, classoid oid, objsubid int4, description text");
        pg("pg_constraint", "oid oid, conname name, connamespace oid, contype char, condeferrable bool,"
                + " condeferred bool, convalidated bool, conrelid oid, contypid oid, conindid oid, conparentid oid,"
                + " confrelid oid, confupdtype char, confdeltype char, confmatchtype char, conislocal bool,"
                + " coninhcount int2, connoinherit bool, conkey _int2, confkey _int2, conpfeqop _oid,"
                + " conppeqop _oid, conffeqop _oid, confdelsetcols _int2, conexclop _oid, conbin pg_node_tree");
        pg("pg_index", "indexrelid oid, indrelid oid, indnatts int2, indnkeyatts int2, indisunique bool,"
                + " indnullsnotdistinct bool, indisprimary bool, indisexclusion bool, indimmediate bool,"
                + " indisclustered bool, indisvalid bool, indcheckxmin bool, indisready bool, indislive bool,"
                + " indisreplident bool, indkey int2vector, indcollation oidvector, indclass oidvector,"
                + " indoption int2vector, indexprs pg_node_tree, indpred pg_node_tree");
        pg("pg_attrdef", "oid oid, adrelid oid, adnum int2, adbin pg_node_tree");
        pg("pg_am", "oid oid, amname name, amhandler regproc, amtype char");
        pg("pg_proc", "oid oid, proname name, pronamespace oid, proowner oid, prolang oid, procost float4,"
                + " prorows float4, provariadic oid, prosupport regproc, prokind char, prosecdef bool,"
                + " proleakproof bool, proisstrict bool, proretset bool, provolatile char, proparallel char,"
                + " pronargs int2, pronargdefaults int2, prorettype oid, proargtypes oidvector, proallargtypes _oid,"
                + " proargmodes _char, proargnames _text, prosrc text, probin text, proconfig _text, proacl _aclitem");
        pg("pg_database", "oid oid, datname name, datdba oid, encoding int4, datlocprovider char,"
                + " datistemplate bool, datallowconn bool, datconnlimit int4, datfrozenxid xid, datminmxid xid,"
                + " dattablespace oid, datcollate text, datctype text, daticulocale text, daticurules text,"
                + " datcollversion text, datacl _aclitem");
        pg("pg_settings", "name text, setting text, unit text, category text, short_desc text, extra_desc text,"
                + " context text, vartype text, source text, min_val text, max_val text, enumvals _text,"
                + " boot_val text, reset_val text, sourcefile text, sourceline int4, pending_restart bool");
        String role = "rolname name, rolsuper bool, rolinherit bool, rolcreaterole bool, rolcreatedb bool,"
                + " rolcanlogin bool, rolreplication bool, rolconnlimit int4, rolpassword text, rolvaliduntil text,"
                + " rolbypassrls bool, rolconfig _text, oid oid";
        pg("pg_roles", role);
        pg("pg_authid", role);
        pg("pg_user", "usename name, usesysid oid, usecreatedb bool, usesuper bool, userepl bool, usebypassrls bool,"
                + " passwd text, valuntil text, useconfig _text");
        pg("pg_tablespace", "oid oid, spcname name, spcowner oid, spcacl _aclitem, spcoptions _text");
        pg("pg_collation", "oid oid, collname name, collnamespace oid, collowner oid, collprovider char,"
                + " collisdeterministic bool, collencoding int4, collcollate text, collctype text");
        pg("pg_inherits", "inhrelid oid, inhparent oid, inhseqno int4, inhdetachpending bool");
        pg("pg_extension", "oid oid, extname name, extowner oid, extnamespace oid, extrelocatable bool,"
                + " extversion text, extconfig _oid, extcondition _text");
        pg("pg_enum", "oid oid, enumtypid oid, enumsortorder float4, enumlabel name");
        pg("pg_views", "schemaname name, viewname name, viewowner name, definition text");
        pg("pg_tables", "schemaname name, tablename name, tableowner name, tablespace name, hasindexes bool,"
                + " hasrules bool, hastriggers bool, rowsecurity bool");
        pg("pg_matviews", "schemaname name, matviewname name, matviewowner name, tablespace name, hasindexes bool,"
                + " ispopulated bool, definition text");
        pg("pg_sequence", "seqrelid oid, seqtypid oid, seqstart int8, seqincrement int8, seqmax int8, seqmin int8,"
                + " seqcache int8, seqcycle bool");
        pg("pg_policy", "oid oid, polname name, polrelid oid, polcmd char, polpermissive bool, polroles _oid,"
                + " polqual pg_node_tree, polwithcheck pg_node_tree");
        pg("pg_trigger", "oid oid, tgrelid oid, tgparentid oid, tgname name, tgfoid oid, tgtype int2, tgenabled char,"
                + " tgisinternal bool, tgconstrrelid oid, tgconstrindid oid, tgconstraint oid, tgdeferrable bool,"
                + " tginitdeferred bool, tgnargs int2, tgattr int2vector, tgargs text, tgqual pg_node_tree,"
                + " tgoldtable name, tgnewtable name");
        pg("pg_statistic_ext", "oid oid, stxrelid oid, stxname name, stxnamespace oid, stxowner oid,"
                + " stxstattarget int4, stxkeys int2vector, stxkind _char, stxexprs pg_node_tree");
        pg("pg_publication", "oid oid, pubname name, pubowner oid, puballtables bool, pubinsert bool,"
                + " pubupdate bool, pubdelete bool, pubtruncate bool, pubviaroot bool");
        pg("pg_publication_namespace", "oid oid, pnpubid oid, pnnspid oid");
        pg("pg_publication_rel", "oid oid, prpubid oid, prrelid oid, prqual pg_node_tree, prattrs int2vector");
        pg("pg_rewrite", "oid oid, rulename name, ev_class oid, ev_type char, ev_enabled char, is_instead bool,"
                + " ev_qual pg_node_tree, ev_action pg_node_tree");
        pg("pg_foreign_table", "ftrelid oid, ftserver oid, ftoptions _text");
        pg("pg_partitioned_table", "partrelid oid, partstrat char, partnatts int2, partdefid oid,"
                + " partattrs int2vector, partclass oidvector, partcollation oidvector, partexprs pg_node_tree");
        pg("pg_depend", "classid oid, objid oid, objsubid int4, refclassid oid, refobjid oid, refobjsubid int4,"
                + " deptype char");
        pg("pg_operator", "oid oid, oprname name, oprnamespace oid, oprowner oid, oprkind char, oprleft oid,"
                + " oprright oid, oprresult oid, oprcode regproc");
        pg("pg_cast", "oid oid, castsource oid, casttarget oid, castfunc oid, castcontext char, castmethod char");
        pg("pg_language", "oid oid, lanname name, lanowner oid, lanispl bool, lanpltrusted bool");
        pg("pg_event_trigger", "oid oid, evtname name, evtevent name, evtowner oid, evtfoid oid, evtenabled char");
        pg("pg_auth_members", "oid oid, roleid oid, member oid, grantor oid, admin_option bool");
        pg("pg_shdescription", "objoid oid, classoid oid, description text");
        pg(ARRAY_ELEMENTS, "arr text, x int4, n int4");
        pg(SERIES, "n int4");

        is("schemata", "catalog_name sql_identifier, schema_name sql_identifier, schema_owner sql_identifier,"
                + " default_character_set_catalog sql_identifier, default_character_set_schema sql_identifier,"
                + " default_character_set_name sql_identifier, sql_path character_data");
        is("tables", "table_catalog sql_identifier, table_schema sql_identifier, table_name sql_identifier,"
                + " table_type character_data, self_referencing_column_name sql_identifier,"
                + " reference_generation character_data, user_defined_type_catalog sql_identifier,"
                + " user_defined_type_schema sql_identifier, user_defined_type_name sql_identifier,"
                + " is_insertable_into yes_or_no, is_typed yes_or_no, commit_action character_data");
        is("columns", "table_catalog sql_identifier, table_schema sql_identifier, table_name sql_identifier,"
                + " column_name sql_identifier, ordinal_position cardinal_number, column_default character_data,"
                + " is_nullable yes_or_no, data_type character_data, character_maximum_length cardinal_number,"
                + " character_octet_length cardinal_number, numeric_precision cardinal_number,"
                + " numeric_precision_radix cardinal_number, numeric_scale cardinal_number,"
                + " datetime_precision cardinal_number, interval_type character_data,"
                + " interval_precision cardinal_number, character_set_catalog sql_identifier,"
                + " character_set_schema sql_identifier, character_set_name sql_identifier,"
                + " collation_catalog sql_identifier, collation_schema sql_identifier, collation_name sql_identifier,"
                + " domain_catalog sql_identifier, domain_schema sql_identifier, domain_name sql_identifier,"
                + " udt_catalog sql_identifier, udt_schema sql_identifier, udt_name sql_identifier,"
                + " scope_catalog sql_identifier, scope_schema sql_identifier, scope_name sql_identifier,"
                + " maximum_cardinality cardinal_number, dtd_identifier sql_identifier,"
                + " is_self_referencing yes_or_no, is_identity yes_or_no, identity_generation character_data,"
                + " identity_start character_data, identity_increment character_data,"
                + " identity_maximum character_data, identity_minimum character_data, identity_cycle yes_or_no,"
                + " is_generated character_data, generation_expression character_data, is_updatable yes_or_no");
        is("views", "table_catalog sql_identifier, table_schema sql_identifier, table_name sql_identifier,"
                + " view_definition character_data, check_option character_data, is_updatable yes_or_no,"
                + " is_insertable_into yes_or_no, is_trigger_updatable yes_or_no, is_trigger_deletable yes_or_no,"
                + " is_trigger_insertable_into yes_or_no");
        is("table_constraints", "constraint_catalog sql_identifier, constraint_schema sql_identifier,"
                + " constraint_name sql_identifier, table_catalog sql_identifier, table_schema sql_identifier,"
                + " table_name sql_identifier, constraint_type character_data, is_deferrable yes_or_no,"
                + " initially_deferred yes_or_no, enforced yes_or_no, nulls_distinct yes_or_no");
        is("key_column_usage", "constraint_catalog sql_identifier, constraint_schema sql_identifier,"
                + " constraint_name sql_identifier, table_catalog sql_identifier, table_schema sql_identifier,"
                + " table_name sql_identifier, column_name sql_identifier, ordinal_position cardinal_number,"
                + " position_in_unique_constraint cardinal_number");
        is("referential_constraints", "constraint_catalog sql_identifier, constraint_schema sql_identifier,"
                + " constraint_name sql_identifier, unique_constraint_catalog sql_identifier,"
                + " unique_constraint_schema sql_identifier, unique_constraint_name sql_identifier,"
                + " match_option character_data, update_rule character_data, delete_rule character_data");
        is("constraint_column_usage", "table_catalog sql_identifier, table_schema sql_identifier,"
                + " table_name sql_identifier, column_name sql_identifier, constraint_catalog sql_identifier,"
                + " constraint_schema sql_identifier, constraint_name sql_identifier");
    }

    /** The names of the catalogs' boolean columns. */
    Set<String> booleanColumns() {
        Set<String> names = new java.util.HashSet<>();
        for (Map<String, RowTable> tables : List.of(pgCatalog, informationSchema)) {
            tables.values().forEach(t -> t.columns.stream().filter(c -> c.pgType().equals("bool"))
                    .forEach(c -> names.add(c.name())));
        }
        return names;
    }

    private void pg(String name, String spec) {
        pgCatalog.put(name, new RowTable(name, spec));
    }

    private void is(String name, String spec) {
        informationSchema.put(name, new RowTable(name, spec));
    }

    static Map<String, List<Column>> described(Map<String, RowTable> tables) {
        Map<String, List<Column>> described = new LinkedHashMap<>();
        tables.forEach((name, table) -> {
            if (!name.startsWith("_")) {
                described.put(name, table.describe());
            }
        });
        return described;
    }

    /** Fills every table from {@code c}. */
    void fill(Catalog c, Map<String, String> settings) {
        RowTable namespace = pgCatalog.get("pg_namespace");
        c.schemas.forEach(s -> namespace.row("oid", s.oid(), "nspname", s.name(), "nspowner", Catalog.OWNER_OID));
        RowTable am = pgCatalog.get("pg_am");
        am.row("oid", Catalog.HEAP_AM, "amname", "heap", "amhandler", 3, "amtype", "t");
        am.row("oid", Catalog.BTREE_AM, "amname", "btree", "amhandler", 330, "amtype", "i");
        RowTable type = pgCatalog.get("pg_type");
        for (Catalog.Type t : Catalog.TYPES) {
            type.row("oid", t.oid(), "typname", t.name(), "typnamespace", Catalog.PG_CATALOG_OID, "typowner",
                    Catalog.OWNER_OID, "typlen", t.length(), "typbyval", t.length() > 0 && t.length() <= 8, "typtype",
                    "b", "typcategory", t.category(), "typisdefined", true, "typdelim", ",", "typarray",
                    t.arrayOid(), "typalign", t.length() == 8 ? "d" : t.length() == 2 ? "s" : t.length() == 1 ? "c"
                            : "i",
                    "typstorage", t.length() < 0 ? "x" : "p", "typtypmod", -1, "typcollation", t.collation(),
                    "typinput", 0, "typoutput", 0);
        }
        RowTable cls = pgCatalog.get("pg_class");
        RowTable attribute = pgCatalog.get("pg_attribute");
        RowTable description = pgCatalog.get("pg_description");
        RowTable constraint = pgCatalog.get("pg_constraint");
        RowTable index = pgCatalog.get("pg_index");
        RowTable tables = pgCatalog.get("pg_tables");
        RowTable views = pgCatalog.get("pg_views");
        RowTable isSchemata = informationSchema.get("schemata");
        RowTable isTables = informationSchema.get("tables");
        RowTable isColumns = informationSchema.get("columns");
        RowTable isViews = informationSchema.get("views");
        RowTable isConstraints = informationSchema.get("table_constraints");
        RowTable isKeys = informationSchema.get("key_column_usage");
        RowTable isReferences = informationSchema.get("referential_constraints");
        RowTable isConstraintColumns = informationSchema.get("constraint_column_usage");
        c.schemas.forEach(s -> isSchemata.row("catalog_name", c.database, "schema_name", s.name(), "schema_owner",
                Catalog.OWNER));
        TreeSet<String> arrays = new TreeSet<>();
        // PostgreSQL enforces a foreign key with triggers on both tables, and psql's \d reads keys only then
        java.util.Set<String> keyed = new java.util.HashSet<>();
        for (Relation r : c.relations) {
            for (Constraint fk : r.foreignKeys()) {
                keyed.add(r.schema().name() + "." + r.name());
                keyed.add(fk.referencedSchema() + "." + fk.referencedTable());
            }
        }
        for (Relation r : c.relations) {
            boolean system = r.schema().oid() == Catalog.PG_CATALOG_OID
                    || r.schema().oid() == Catalog.INFORMATION_SCHEMA_OID;
            cls.row("oid", r.oid(), "relname", r.name(), "relnamespace", r.schema().oid(), "relowner",
                    Catalog.OWNER_OID, "relam", r.kind() == 'r' ? Catalog.HEAP_AM : 0, "relfilenode", r.oid(),
                    "reltuples", -1, "relhasindex", r.primaryKey() != null, "relpersistence", "p", "relkind",
                    String.valueOf(r.kind()), "relnatts", r.columns().size(), "relhasrules", r.kind() == 'v', "relhastriggers",
                    keyed.contains(r.schema().name() + "." + r.name()),
                    "relispopulated", true, "relreplident", r.kind() == 'r' ? "d" : "n");
            if (r.remarks() != null && !r.remarks().isEmpty()) {
                description.row("objoid", r.oid(), "classoid", Catalog.PG_CLASS_OID, "objsubid", 0, "description",
                        r.remarks());
            }
            for (Column col : r.columns()) {
                Catalog.Type t = col.type();
                attribute.row("attrelid", r.oid(), "attname", col.name(), "atttypid", t.oid(), "attlen", t.length(),
                        "attnum", col.number(), "attcacheoff", -1, "atttypmod", -1, "attbyval",
                        t.length() > 0 && t.length() <= 8, "attalign", t.length() == 8 ? "d" : "i", "attstorage",
                        t.length() < 0 ? "x" : "p", "attcompression", "", "attnotnull", col.notNull(), "attidentity",
                        "", "attgenerated", "", "attislocal", true, "attstattarget", -1, "attcollation",
                        t.collation());
                if (col.remarks() != null && !col.remarks().isEmpty()) {
                    description.row("objoid", r.oid(), "classoid", Catalog.PG_CLASS_OID, "objsubid", col.number(),
                            "description", col.remarks());
                }
                String dataType = Catalog.formatType(t.oid());
                isColumns.row("table_catalog", c.database, "table_schema", r.schema().name(), "table_name", r.name(),
                        "column_name", col.name(), "ordinal_position", col.number(), "is_nullable",
                        col.notNull() ? "NO" : "YES", "data_type", dataType, "numeric_precision",
                        switch (t.name()) {
                            case "int2" -> 16;
                            case "int4" -> 32;
                            case "int8" -> 64;
                            case "float4" -> 24;
                            case "float8" -> 53;
                            default -> null;
                        }, "numeric_precision_radix", t.category().equals("N") && !t.name().equals("oid") ? 2 : null,
                        "numeric_scale", t.name().startsWith("int") ? 0 : null, "datetime_precision",
                        t.category().equals("D") ? 0 : null, "udt_catalog", c.database, "udt_schema", "pg_catalog",
                        "udt_name", t.name(), "dtd_identifier", String.valueOf(col.number()), "is_self_referencing",
                        "NO", "is_identity", "NO", "identity_cycle", "NO", "is_generated", "NEVER", "is_updatable",
                        "NO");
            }
            if (r.kind() == 'r' && !system) {
                tables.row("schemaname", r.schema().name(), "tablename", r.name(), "tableowner", Catalog.OWNER,
                        "hasindexes", r.primaryKey() != null);
            } else if (r.kind() == 'v' && !system) {
                views.row("schemaname", r.schema().name(), "viewname", r.name(), "viewowner", Catalog.OWNER);
                isViews.row("table_catalog", c.database, "table_schema", r.schema().name(), "table_name", r.name(),
                        "check_option", "NONE", "is_updatable", "NO", "is_insertable_into", "NO",
                        "is_trigger_updatable", "NO", "is_trigger_deletable", "NO", "is_trigger_insertable_into", "NO");
            }
            isTables.row("table_catalog", c.database, "table_schema", r.schema().name(), "table_name", r.name(),
                    "table_type", r.kind() == 'v' ? "VIEW" : system ? "SYSTEM TABLE" : "BASE TABLE",
                    "is_insertable_into", "NO", "is_typed", "NO");
            if (r.primaryKey() != null) {
                Constraint pk = r.primaryKey();
                String keys = attnums(r, pk.columns(), " ");
                arrays.add(keys);
                arrays.add("{" + attnums(r, pk.columns(), ",") + "}");
                cls.row("oid", pk.indexOid(), "relname", pk.name(), "relnamespace", r.schema().oid(), "relowner",
                        Catalog.OWNER_OID, "relam", Catalog.BTREE_AM, "relfilenode", pk.indexOid(), "reltuples", -1,
                        "relpersistence", "p", "relkind", "i", "relnatts", pk.columns().size(), "relispopulated",
                        true, "relreplident", "n");
                index.row("indexrelid", pk.indexOid(), "indrelid", r.oid(), "indnatts", pk.columns().size(),
                        "indnkeyatts", pk.columns().size(), "indisunique", true, "indisprimary", true, "indimmediate",
                        true, "indisvalid", true, "indisready", true, "indislive", true, "indkey", keys,
                        "indcollation", pk.columns().stream().map(k -> String.valueOf(r.column(k).map(
                                col -> col.type().collation()).orElse(0))).collect(Collectors.joining(" ")),
                        "indclass", "", "indoption", pk.columns().stream().map(k -> "0")
                                .collect(Collectors.joining(" ")));
                constraint.row("oid", pk.oid(), "conname", pk.name(), "connamespace", r.schema().oid(), "contype", "p",
                        "convalidated", true, "conrelid", r.oid(), "conindid", pk.indexOid(), "confupdtype", " ",
                        "confdeltype", " ", "confmatchtype", " ", "conislocal", true, "connoinherit", true, "conkey",
                        "{" + attnums(r, pk.columns(), ",") + "}");
                tableConstraint(c, isConstraints, r, pk.name(), "PRIMARY KEY");
                keyColumns(c, isKeys, r, pk, null);
                for (String column : pk.columns()) {
                    isConstraintColumns.row("table_catalog", c.database, "table_schema", r.schema().name(),
                            "table_name", r.name(), "column_name", column, "constraint_catalog", c.database,
                            "constraint_schema", r.schema().name(), "constraint_name", pk.name());
                }
            }
            for (Constraint fk : r.foreignKeys()) {
                Relation target = c.relation(fk.referencedSchema(), fk.referencedTable()).orElse(null);
                if (target == null) {
                    continue;
                }
                String conkey = "{" + attnums(r, fk.columns(), ",") + "}";
                String confkey = "{" + attnums(target, fk.referencedColumns(), ",") + "}";
                arrays.add(conkey);
                arrays.add(confkey);
                constraint.row("oid", fk.oid(), "conname", fk.name(), "connamespace", r.schema().oid(), "contype", "f",
                        "convalidated", true, "conrelid", r.oid(), "conindid",
                        target.primaryKey() == null ? 0 : target.primaryKey().indexOid(), "confrelid", target.oid(),
                        "confupdtype", "a", "confdeltype", "a", "confmatchtype", "s", "conislocal", true,
                        "connoinherit", true, "conkey", conkey, "confkey", confkey);
                tableConstraint(c, isConstraints, r, fk.name(), "FOREIGN KEY");
                keyColumns(c, isKeys, r, fk, target);
                if (target.primaryKey() != null) {
                    isReferences.row("constraint_catalog", c.database, "constraint_schema", r.schema().name(),
                            "constraint_name", fk.name(), "unique_constraint_catalog", c.database,
                            "unique_constraint_schema", target.schema().name(), "unique_constraint_name",
                            target.primaryKey().name(), "match_option", "NONE", "update_rule", "NO ACTION",
                            "delete_rule", "NO ACTION");
                    for (String column : fk.referencedColumns()) {
                        isConstraintColumns.row("table_catalog", c.database, "table_schema", target.schema().name(),
                                "table_name", target.name(), "column_name", column, "constraint_catalog", c.database,
                                "constraint_schema", r.schema().name(), "constraint_name", fk.name());
                    }
                }
            }
        }
        RowTable elements = pgCatalog.get(ARRAY_ELEMENTS);
        for (String array : arrays) {
            String[] items = array.replaceAll("[{}]", "").split(array.startsWith("{") ? "," : " ");
            for (int i = 0; i < items.length; i++) {
                elements.row("arr", array, "x", Integer.parseInt(items[i]), "n", i + 1);
            }
        }
        RowTable series = pgCatalog.get(SERIES);
        for (int i = 0; i <= 1664; i++) {
            series.row("n", i);
        }
        pgCatalog.get("pg_database").row("oid", 16383, "datname", c.database, "datdba", Catalog.OWNER_OID, "encoding", 6,
                "datlocprovider", "c", "datallowconn", true, "datconnlimit", -1, "dattablespace", 1663, "datcollate",
                "C", "datctype", "C");
        for (String roles : List.of("pg_roles", "pg_authid")) {
            pgCatalog.get(roles).row("rolname", Catalog.OWNER, "rolinherit", true, "rolcanlogin", true,
                    "rolconnlimit", -1, "rolpassword", "********", "oid", Catalog.OWNER_OID);
        }
        pgCatalog.get("pg_user").row("usename", Catalog.OWNER, "usesysid", Catalog.OWNER_OID, "passwd", "********");
        pgCatalog.get("pg_tablespace").row("oid", 1663, "spcname", "pg_default", "spcowner", Catalog.OWNER_OID)
                .row("oid", 1664, "spcname", "pg_global", "spcowner", Catalog.OWNER_OID);
        RowTable pgSettings = pgCatalog.get("pg_settings");
        Map<String, String> all = new LinkedHashMap<>(settings);
        all.putIfAbsent("max_index_keys", "32");
        all.putIfAbsent("max_identifier_length", "63");
        all.putIfAbsent("block_size", "8192");
        all.forEach((name, value) -> pgSettings.row("name", name, "setting", value, "context", "user", "vartype",
                "string", "source", "default", "boot_val", value, "reset_val", value));
    }

    private static void tableConstraint(Catalog c, RowTable table, Relation r, String name, String type) {
        table.row("constraint_catalog", c.database, "constraint_schema", r.schema().name(), "constraint_name", name,
                "table_catalog", c.database, "table_schema", r.schema().name(), "table_name", r.name(),
                "constraint_type", type, "is_deferrable", "NO", "initially_deferred", "NO", "enforced", "YES");
    }

    private static void keyColumns(Catalog c, RowTable table, Relation r, Constraint key, Relation target) {
        for (int i = 0; i < key.columns().size(); i++) {
            Integer position = null;
            if (target != null && target.primaryKey() != null) {
                position = target.primaryKey().columns().indexOf(key.referencedColumns().get(i)) + 1;
            }
            table.row("constraint_catalog", c.database, "constraint_schema", r.schema().name(), "constraint_name",
                    key.name(), "table_catalog", c.database, "table_schema", r.schema().name(), "table_name", r.name(),
                    "column_name", key.columns().get(i), "ordinal_position", i + 1, "position_in_unique_constraint",
                    position);
        }
    }

    private static String attnums(Relation r, List<String> columns, String separator) {
        List<String> numbers = new ArrayList<>();
        for (String column : columns) {
            numbers.add(String.valueOf(r.column(column).map(Column::number).orElse(0)));
        }
        return String.join(separator, numbers);
    }
}
