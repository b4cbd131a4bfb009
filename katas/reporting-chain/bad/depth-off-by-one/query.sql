WITH RECURSIVE org(id, name, depth) AS (
  SELECT id, name, 0
  FROM employees
  WHERE manager_id = 2
  UNION ALL
  SELECT e.id, e.name, o.depth + 1
  FROM employees AS e
  JOIN org AS o ON e.manager_id = o.id
)
SELECT id, name, depth
FROM org;
