@{}
@foo()
@{   }
@bar{ a = x
b = 'y'
}
template anonymous_and_named;
@{ line1
  line2 with trailing   
}
variable X = 1;
function g = 1;
