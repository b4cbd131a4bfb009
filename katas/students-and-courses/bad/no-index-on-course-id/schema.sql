-- Mistake: counting on the primary key's index for every lookup. It is sorted by
-- student_id first, so "the students of course 10" reads the whole table.

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
  student_id  INTEGER NOT NULL REFERENCES students (id) ON DELETE CASCADE,
  course_id   INTEGER NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
  enrolled_on TEXT NOT NULL DEFAULT CURRENT_DATE,
  PRIMARY KEY (student_id, course_id)
);
