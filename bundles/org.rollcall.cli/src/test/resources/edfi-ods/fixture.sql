-- A small district in an Ed-Fi ODS, written by hand for RollCall's tests: the LEA 255901 with schools 255901001
-- and 255901002 (CDS codes 19647330000001 and ...02 as their SEA identification codes) and 255901009, which has
-- none; six students, eight enrollments and seven attendance events of 2024-25, with the edge cases an import
-- must set aside: a sex descriptor RollCall has no value for, a student without an SSID, an enrollment at a
-- school with no CDS code, an exit before the entry, a local attendance descriptor nobody mapped, an event in no
-- school year, a second event on one day, and rows of the students set aside.
INSERT INTO edfi.descriptor (descriptorid, namespace, codevalue, shortdescription) VALUES
    (1, 'uri://ed-fi.org/AttendanceEventCategoryDescriptor', 'In Attendance', 'In Attendance'),
    (2, 'uri://ed-fi.org/AttendanceEventCategoryDescriptor', 'Excused Absence', 'Excused Absence'),
    (3, 'uri://ed-fi.org/AttendanceEventCategoryDescriptor', 'Unexcused Absence', 'Unexcused Absence'),
    (4, 'uri://ed-fi.org/AttendanceEventCategoryDescriptor', 'Tardy', 'Tardy'),
    (6, 'uri://mini.k12.ca.us/AttendanceEventCategoryDescriptor', 'Field Trip', 'Field trip'),
    (10, 'uri://ed-fi.org/GradeLevelDescriptor', 'Third grade', 'Third grade'),
    (11, 'uri://ed-fi.org/GradeLevelDescriptor', 'Kindergarten', 'Kindergarten'),
    (12, 'uri://mini.k12.ca.us/GradeLevelDescriptor', 'Transitional Kindergarten', 'TK'),
    (20, 'uri://ed-fi.org/SexDescriptor', 'Female', 'Female'),
    (21, 'uri://ed-fi.org/SexDescriptor', 'Male', 'Male'),
    (22, 'uri://ed-fi.org/SexDescriptor', 'Non-binary', 'Non-binary'),
    (23, 'uri://ed-fi.org/SexDescriptor', 'Not Selected', 'Not Selected'),
    (30, 'uri://ed-fi.org/RaceDescriptor', 'White', 'White'),
    (31, 'uri://ed-fi.org/RaceDescriptor', 'Asian', 'Asian'),
    (33, 'uri://mini.k12.ca.us/RaceDescriptor', 'Filipino', 'Filipino'),
    (40, 'uri://ed-fi.org/StudentIdentificationSystemDescriptor', 'State', 'State'),
    (41, 'uri://ed-fi.org/StudentIdentificationSystemDescriptor', 'District', 'District'),
    (50, 'uri://ed-fi.org/EducationOrganizationIdentificationSystemDescriptor', 'SEA', 'SEA');
INSERT INTO edfi.attendanceeventcategorydescriptor VALUES (1), (2), (3), (4), (6);
INSERT INTO edfi.gradeleveldescriptor VALUES (10), (11), (12);
INSERT INTO edfi.sexdescriptor VALUES (20), (21), (22), (23);
INSERT INTO edfi.racedescriptor VALUES (30), (31), (33);
INSERT INTO edfi.studentidentificationsystemdescriptor VALUES (40), (41);
INSERT INTO edfi.educationorganizationidentificationsystemdescriptor VALUES (50);

INSERT INTO edfi.educationorganization (educationorganizationid, nameofinstitution) VALUES
    (255901, 'Mini Unified'), (255901001, 'Alder Elementary'), (255901002, 'Birch Elementary'),
    (255901009, 'Cedar Academy');
INSERT INTO edfi.educationorganizationidentificationcode VALUES
    (255901001, 50, '19647330000001'), (255901002, 50, '19647330000002');

INSERT INTO edfi.student (studentusi, studentuniqueid, firstname, lastsurname, birthdate, birthsexdescriptorid) VALUES
    (1, '1001', 'Ana', 'Alvarez', '2016-01-01', 20),
    (2, '1002', 'Ben', 'Brown', '2019-02-02', NULL),
    (3, '1003', 'Cai', 'Chen', '2020-03-03', NULL),
    (4, '1004', 'Dee', 'Dela Cruz', '2016-04-04', NULL),
    (5, '1005', 'Eve', 'Evans', '2016-05-05', NULL),
    (6, '1006', 'Fay', 'Fox', '2016-06-06', 20);
-- demographics at the LEA; Ana's older association with her school says Male and must not win
INSERT INTO edfi.studenteducationorganizationassociation
    (educationorganizationid, studentusi, sexdescriptorid, hispaniclatinoethnicity, lastmodifieddate) VALUES
    (255901, 1, 20, true, '2024-08-01'), (255901001, 1, 21, false, '2023-08-01'),
    (255901, 2, 21, false, '2024-08-01'), (255901, 3, 22, NULL, '2024-08-01'),
    (255901, 4, 20, false, '2024-08-01'), (255901, 5, 23, false, '2024-08-01'),
    (255901, 6, 20, false, '2024-08-01');
INSERT INTO edfi.studenteducationorganizationassociationrace VALUES
    (255901, 30, 1), (255901, 30, 2), (255901, 31, 2), (255901, 31, 3), (255901, 33, 4), (255901, 30, 5),
    (255901, 30, 6);
INSERT INTO edfi.studenteducationorganizationassociationstudentidentifica_c15030 VALUES
    ('CA', 255901, 40, 1, '2000000001'), ('255901', 255901, 41, 1, 'D-1'), ('CA', 255901, 40, 2, '2000000002'),
    ('CA', 255901, 40, 3, '2000000003'), ('CA', 255901, 40, 4, '2000000004'), ('CA', 255901, 40, 5, '2000000005'),
    ('255901', 255901, 41, 6, 'D-6');

INSERT INTO edfi.studentschoolassociation (studentusi, schoolid, entrydate, entrygradeleveldescriptorid,
        primaryschool, schoolyear, exitwithdrawdate) VALUES
    (1, 255901001, '2024-08-14', 10, true, 2025, NULL),
    (2, 255901001, '2024-08-14', 11, NULL, NULL, NULL),
    (3, 255901002, '2024-08-14', 12, true, 2025, NULL),
    (4, 255901002, '2024-08-14', 10, true, 2025, NULL),
    (4, 255901001, '2024-09-03', 10, false, 2025, NULL),
    (5, 255901001, '2024-08-14', 10, true, 2025, NULL),
    (3, 255901009, '2024-08-14', 12, false, 2025, NULL),
    (2, 255901002, '2024-09-10', 11, true, 2025, '2024-09-05');

INSERT INTO edfi.studentschoolattendanceevent (studentusi, schoolid, schoolyear, sessionname, eventdate,
        attendanceeventcategorydescriptorid) VALUES
    (1, 255901001, 2025, 'Fall Semester', '2024-08-20', 2),
    (1, 255901001, 2025, 'Summer Session', '2024-08-20', 2),
    (2, 255901001, 2025, 'Fall Semester', '2024-08-21', 3),
    (3, 255901002, 2024, 'Spring Semester', '2024-06-14', 4),
    (3, 255901002, 2025, 'Fall Semester', '2024-08-22', 4),
    (4, 255901002, 2025, 'Fall Semester', '2024-08-23', 6),
    (5, 255901001, 2025, 'Fall Semester', '2024-08-20', 3);
