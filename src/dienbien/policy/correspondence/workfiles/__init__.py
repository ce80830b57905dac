"""Work files (hồ sơ công việc, Decree 30/2020/NĐ-CP Art. 28–30): yearly file
plans per unit, files opened, filled and closed by their keepers, the list of
files due for the archive, the plan as a print view and ``.xlsx``."""
