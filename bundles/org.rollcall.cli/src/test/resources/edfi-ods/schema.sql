-- The part of an Ed-Fi ODS (Data Standard 5, PostgreSQL) that the edfi-ods-* presets read: table and column
-- names, key columns and types as the Ed-Fi ODS/API's PostgreSQL DDL declares them (Ed-Fi-ODS repository,
-- Application/EdFi.Ods.Standard/Artifacts/PgSql/Structure/Ods/0020-Tables.sql); columns the presets do not read
-- are left out, and so are the foreign keys. Written for RollCall's tests.
CREATE SCHEMA edfi;

CREATE TABLE edfi.descriptor (
    descriptorid SERIAL NOT NULL,
    namespace VARCHAR(255) NOT NULL,
    codevalue VARCHAR(50) NOT NULL,
    shortdescription VARCHAR(75) NOT NULL,
    description VARCHAR(1024) NULL,
    createdate TIMESTAMP NOT NULL DEFAULT current_timestamp,
    lastmodifieddate TIMESTAMP NOT NULL DEFAULT current_timestamp,
    id UUID NOT NULL DEFAULT gen_random_uuid(),
    CONSTRAINT descriptor_pk PRIMARY KEY (descriptorid),
    CONSTRAINT descriptor_ak UNIQUE (codevalue, namespace)
);

-- each kind of descriptor is a table holding the ids of its rows in edfi.descriptor
CREATE TABLE edfi.attendanceeventcategorydescriptor (attendanceeventcategorydescriptorid INT NOT NULL PRIMARY KEY);
CREATE TABLE edfi.gradeleveldescriptor (gradeleveldescriptorid INT NOT NULL PRIMARY KEY);
CREATE TABLE edfi.sexdescriptor (sexdescriptorid INT NOT NULL PRIMARY KEY);
CREATE TABLE edfi.racedescriptor (racedescriptorid INT NOT NULL PRIMARY KEY);
CREATE TABLE edfi.exitwithdrawtypedescriptor (exitwithdrawtypedescriptorid INT NOT NULL PRIMARY KEY);
CREATE TABLE edfi.enrollmenttypedescriptor (enrollmenttypedescriptorid INT NOT NULL PRIMARY KEY);
CREATE TABLE edfi.studentidentificationsystemdescriptor (studentidentificationsystemdescriptorid INT NOT NULL PRIMARY KEY);
CREATE TABLE edfi.educationorganizationidentificationsystemdescriptor (
    educationorganizationidentificationsystemdescriptorid INT NOT NULL PRIMARY KEY);

CREATE TABLE edfi.educationorganization (
    educationorganizationid INT NOT NULL,
    nameofinstitution VARCHAR(75) NOT NULL,
    createdate TIMESTAMP NOT NULL DEFAULT current_timestamp,
    lastmodifieddate TIMESTAMP NOT NULL DEFAULT current_timestamp,
    id UUID NOT NULL DEFAULT gen_random_uuid(),
    CONSTRAINT educationorganization_pk PRIMARY KEY (educationorganizationid)
);

CREATE TABLE edfi.educationorganizationidentificationcode (
    educationorganizationid INT NOT NULL,
    educationorganizationidentificationsystemdescriptorid INT NOT NULL,
    identificationcode VARCHAR(60) NOT NULL,
    createdate TIMESTAMP NOT NULL DEFAULT current_timestamp,
    CONSTRAINT educationorganizationidentificationcode_pk
        PRIMARY KEY (educationorganizationid, educationorganizationidentificationsystemdescriptorid)
);

CREATE TABLE edfi.student (
    studentusi SERIAL NOT NULL,
    firstname VARCHAR(75) NOT NULL,
    middlename VARCHAR(75) NULL,
    lastsurname VARCHAR(75) NOT NULL,
    birthdate DATE NOT NULL,
    birthsexdescriptorid INT NULL,
    studentuniqueid VARCHAR(32) NOT NULL,
    createdate TIMESTAMP NOT NULL DEFAULT current_timestamp,
    lastmodifieddate TIMESTAMP NOT NULL DEFAULT current_timestamp,
    id UUID NOT NULL DEFAULT gen_random_uuid(),
    CONSTRAINT student_pk PRIMARY KEY (studentusi)
);
CREATE UNIQUE INDEX student_ui_studentuniqueid ON edfi.student (studentuniqueid);

CREATE TABLE edfi.studenteducationorganizationassociation (
    educationorganizationid INT NOT NULL,
    studentusi INT NOT NULL,
    sexdescriptorid INT NOT NULL,
    hispaniclatinoethnicity BOOLEAN NULL,
    createdate TIMESTAMP NOT NULL DEFAULT current_timestamp,
    lastmodifieddate TIMESTAMP NOT NULL DEFAULT current_timestamp,
    id UUID NOT NULL DEFAULT gen_random_uuid(),
    CONSTRAINT studenteducationorganizationassociation_pk PRIMARY KEY (educationorganizationid, studentusi)
);

CREATE TABLE edfi.studenteducationorganizationassociationrace (
    educationorganizationid INT NOT NULL,
    racedescriptorid INT NOT NULL,
    studentusi INT NOT NULL,
    createdate TIMESTAMP NOT NULL DEFAULT current_timestamp,
    CONSTRAINT studenteducationorganizationassociationrace_pk
        PRIMARY KEY (educationorganizationid, racedescriptorid, studentusi)
);

-- Ed-Fi shortens names over 63 characters (PostgreSQL's limit) with a hash; this is the student's
-- identification codes (SSID, district number...) of StudentEducationOrganizationAssociation
CREATE TABLE edfi.studenteducationorganizationassociationstudentidentifica_c15030 (
    assigningorganizationidentificationcode VARCHAR(60) NOT NULL,
    educationorganizationid INT NOT NULL,
    studentidentificationsystemdescriptorid INT NOT NULL,
    studentusi INT NOT NULL,
    identificationcode VARCHAR(60) NOT NULL,
    createdate TIMESTAMP NOT NULL DEFAULT current_timestamp,
    CONSTRAINT studenteducationorganizationassociationstudentiden_c15030_pk
        PRIMARY KEY (assigningorganizationidentificationcode, educationorganizationid,
                     studentidentificationsystemdescriptorid, studentusi)
);

CREATE TABLE edfi.studentschoolassociation (
    entrydate DATE NOT NULL,
    schoolid INT NOT NULL,
    studentusi INT NOT NULL,
    primaryschool BOOLEAN NULL,
    entrygradeleveldescriptorid INT NOT NULL,
    exitwithdrawdate DATE NULL,
    exitwithdrawtypedescriptorid INT NULL,
    schoolyear SMALLINT NULL,
    enrollmenttypedescriptorid INT NULL,
    createdate TIMESTAMP NOT NULL DEFAULT current_timestamp,
    lastmodifieddate TIMESTAMP NOT NULL DEFAULT current_timestamp,
    id UUID NOT NULL DEFAULT gen_random_uuid(),
    CONSTRAINT studentschoolassociation_pk PRIMARY KEY (entrydate, schoolid, studentusi)
);

CREATE TABLE edfi.studentschoolattendanceevent (
    attendanceeventcategorydescriptorid INT NOT NULL,
    eventdate DATE NOT NULL,
    schoolid INT NOT NULL,
    schoolyear SMALLINT NOT NULL,
    sessionname VARCHAR(60) NOT NULL,
    studentusi INT NOT NULL,
    attendanceeventreason VARCHAR(255) NULL,
    eventduration DECIMAL(3, 2) NULL,
    createdate TIMESTAMP NOT NULL DEFAULT current_timestamp,
    lastmodifieddate TIMESTAMP NOT NULL DEFAULT current_timestamp,
    id UUID NOT NULL DEFAULT gen_random_uuid(),
    CONSTRAINT studentschoolattendanceevent_pk
        PRIMARY KEY (attendanceeventcategorydescriptorid, eventdate, schoolid, schoolyear, sessionname, studentusi)
);
