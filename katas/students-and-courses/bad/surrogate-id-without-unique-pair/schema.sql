-- Mistake: enrollments gets its own id, and nothing makes (student_id, course_id)
-- unique, so the same student can be enrolled in the same course twice.

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
  id          INTEGER PRIMARY KEY,
  student_id  INTEGER NOT NULL REFERENCES students (id) ON DELETE CASCADE,
  course_id   INTEGER NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
  enrolled_on TEXT NOT NULL DEFAULT CURRENT_DATE
);

CREATE INDEX enrollments_course_id ON enrollments (course_id);
