-- Mistake: the ids in enrollments point nowhere. Any number is accepted, and
-- deleting a student or a course leaves orphan enrollments behind.

CREATE TABLE students (
  id   INTEGER PRIMARY KEY,
  name TEXT NOT NULL
);

CREATE TABLE courses (
  id    INTEGER PRIMARY KEY,
  code  TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL
);

CREATE TABLE enrollments (
  student_id  INTEGER NOT NULL,
  course_id   INTEGER NOT NULL,
  enrolled_on TEXT NOT NULL DEFAULT CURRENT_DATE,
  PRIMARY KEY (student_id, course_id)
);

CREATE INDEX enrollments_course_id ON enrollments (course_id);
