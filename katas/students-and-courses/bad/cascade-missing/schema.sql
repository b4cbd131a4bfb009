-- Mistake: the foreign keys have no ON DELETE action, so deleting a student or a
-- course that still has enrollments is refused instead of cleaning them up.

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
  student_id  INTEGER NOT NULL REFERENCES students (id),
  course_id   INTEGER NOT NULL REFERENCES courses (id),
  enrolled_on TEXT NOT NULL DEFAULT CURRENT_DATE,
  PRIMARY KEY (student_id, course_id)
);

CREATE INDEX enrollments_course_id ON enrollments (course_id);
