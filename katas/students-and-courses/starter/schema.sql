-- Students and courses
--
-- Students take many courses and each course has many students. Record who takes
-- what in the enrollments table: one row per student and course.
--
-- This first draft creates the tables, but it lets the same student enrol twice in
-- one course, lets an enrollment name a student or course that does not exist, and
-- leaves orphan rows behind when a student or course is deleted. Read README.md, then
-- add the keys and constraints it asks for.
--
-- Submit with:  kata submit students-and-courses schema.sql

CREATE TABLE students (
  id   INTEGER PRIMARY KEY,
  name TEXT
);

CREATE TABLE courses (
  id    INTEGER PRIMARY KEY,
  code  TEXT,
  title TEXT
);

CREATE TABLE enrollments (
  student_id  INTEGER,
  course_id   INTEGER,
  enrolled_on TEXT
);
