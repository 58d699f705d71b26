function showMenu(id){document.getElementById(id).style.display="block";}
function hideMenu(id){document.getElementById(id).style.display="none";}
function doZoom(size){document.getElementById("zoom").style.fontSize=size+"px";}
