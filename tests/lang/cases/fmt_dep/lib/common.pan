template lib/common;
"/common" = true;
