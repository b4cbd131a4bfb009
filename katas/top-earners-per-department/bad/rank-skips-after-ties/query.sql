WITH ranked AS (
  SELECT e.id, e.full_name, e.department_id, e.salary,
         RANK() OVER (
           PARTITION BY e.department_id
           ORDER BY e.salary DESC
         ) AS salary_place
  FROM employees AS e
  WHERE e.salary IS NOT NULL
)
SELECT d.name AS department, r.id, r.full_name, r.salary
FROM ranked AS r
JOIN departments AS d ON d.id = r.department_id
WHERE r.salary_place <= 3
ORDER BY d.name, r.salary DESC, r.id;
