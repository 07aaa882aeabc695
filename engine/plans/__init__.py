"""What a plan asks of a department: who the department is, which clauses it answers for and when."""
